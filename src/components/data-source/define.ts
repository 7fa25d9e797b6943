import { DtDataSource } from './dt-data-source.js';

DtDataSource.define('dt-data-source');

declare global {
  interface HTMLElementTagNameMap {
    'dt-data-source': DtDataSource;
  }
}
