import { DtTwin } from './dt-twin.js';

DtTwin.define('dt-twin');

declare global {
  interface HTMLElementTagNameMap {
    'dt-twin': DtTwin;
  }
}
