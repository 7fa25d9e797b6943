import { DtRunInfo } from './dt-run-info.js';
import { DtSharePanel } from './dt-share-panel.js';

DtSharePanel.define('dt-share-panel');
DtRunInfo.define('dt-run-info');

declare global {
  interface HTMLElementTagNameMap {
    'dt-share-panel': DtSharePanel;
    'dt-run-info': DtRunInfo;
  }
}
