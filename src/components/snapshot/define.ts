import { DtSnapshot } from './dt-snapshot.js';

DtSnapshot.define('dt-snapshot');

declare global {
  interface HTMLElementTagNameMap {
    'dt-snapshot': DtSnapshot;
  }
}
