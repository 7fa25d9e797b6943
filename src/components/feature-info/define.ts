import { DtFeatureInfo } from './dt-feature-info.js';

DtFeatureInfo.define('dt-feature-info');

declare global {
  interface HTMLElementTagNameMap {
    'dt-feature-info': DtFeatureInfo;
  }
}
