import { DtCoordinates } from './dt-coordinates.js';

DtCoordinates.define('dt-coordinates');

declare global {
  interface HTMLElementTagNameMap {
    'dt-coordinates': DtCoordinates;
  }
}
