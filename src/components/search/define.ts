import { DtSearch } from './dt-search.js';

DtSearch.define('dt-search');

declare global {
  interface HTMLElementTagNameMap {
    'dt-search': DtSearch;
  }
}
