import { DtLayer } from './dt-layer.js';

DtLayer.define('dt-layer');

declare global {
  interface HTMLElementTagNameMap {
    'dt-layer': DtLayer;
  }
}
