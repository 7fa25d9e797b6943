import { DtCompare } from './dt-compare.js';
import { DtCompareDifference } from './dt-compare-difference.js';

DtCompare.define('dt-compare');
DtCompareDifference.define('dt-compare-difference');

declare global {
  interface HTMLElementTagNameMap {
    'dt-compare': DtCompare;
    'dt-compare-difference': DtCompareDifference;
  }
}
