import { DtLayerList } from './dt-layer-list.js';

DtLayerList.define('dt-layer-list');

declare global {
  interface HTMLElementTagNameMap {
    'dt-layer-list': DtLayerList;
  }
}
