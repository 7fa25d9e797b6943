import { DtEdit } from './dt-edit.js';
import { DtPlanEditor } from './dt-plan-editor.js';

DtEdit.define('dt-edit');
DtPlanEditor.define('dt-plan-editor');

declare global {
  interface HTMLElementTagNameMap {
    'dt-edit': DtEdit;
    'dt-plan-editor': DtPlanEditor;
  }
}
