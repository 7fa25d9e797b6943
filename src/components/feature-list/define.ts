import { DtFeatureList } from './dt-feature-list.js';

DtFeatureList.define('dt-feature-list');

declare global {
  interface HTMLElementTagNameMap {
    'dt-feature-list': DtFeatureList;
  }
}
