import { DtMap } from './dt-map.js';

DtMap.define('dt-map');

declare global {
  interface HTMLElementTagNameMap {
    'dt-map': DtMap;
  }
}
