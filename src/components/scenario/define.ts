import { DtScenario } from './dt-scenario.js';

DtScenario.define('dt-scenario');

declare global {
  interface HTMLElementTagNameMap {
    'dt-scenario': DtScenario;
  }
}
