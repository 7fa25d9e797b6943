import { DtLegend } from './dt-legend.js';

DtLegend.define('dt-legend');

declare global {
  interface HTMLElementTagNameMap {
    'dt-legend': DtLegend;
  }
}
