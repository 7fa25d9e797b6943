import { DtMeasure } from './dt-measure.js';

DtMeasure.define('dt-measure');

declare global {
  interface HTMLElementTagNameMap {
    'dt-measure': DtMeasure;
  }
}
