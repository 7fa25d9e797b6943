import { DtScenarioPanel } from './dt-scenario-panel.js';

DtScenarioPanel.define('dt-scenario-panel');

declare global {
  interface HTMLElementTagNameMap {
    'dt-scenario-panel': DtScenarioPanel;
  }
}
