import { css } from 'lit';
import { panelStyles } from '../base/dt-panel-element.js';

/**
 * Styles of `<dt-plan-editor>`: the shared panel styles (every colour, font, radius and spacing a
 * `--dt-*` custom property) plus its form controls. Controls are at least 24 by 24 CSS pixels.
 */
// One CSSResult, not an array: DtPanelElement's `styles` is typed as a single CSSResult.
export const planEditorStyles = css`
  ${panelStyles}
  h3 {
    font-size: var(--dt-heading-size, 0.95rem);
    margin: var(--dt-space-s, 0.5rem) 0 var(--dt-space-2xs, 2px);
  }
  fieldset {
    border: 1px solid var(--dt-color-border-subtle, #dddddd);
    border-radius: var(--dt-radius, 4px);
    margin: 0 0 var(--dt-space-s, 0.5rem);
    padding: var(--dt-space-2xs, 2px) var(--dt-space-s, 0.5rem) var(--dt-space-s, 0.5rem);
  }
  fieldset label {
    display: flex;
  }
  input[type='radio'] {
    width: var(--dt-checkbox-size, 1.125rem);
    height: var(--dt-checkbox-size, 1.125rem);
    margin: 0;
    accent-color: var(--dt-color-accent, #1a56c4);
  }
  input[type='text'],
  input[type='number'],
  input[type='file'] {
    min-height: var(--dt-target-size, 24px);
    box-sizing: border-box;
    color: inherit;
    background: var(--dt-color-button, #ffffff);
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
    padding: var(--dt-space-2xs, 2px) var(--dt-space-xs, 0.375rem);
  }
  input[type='text'] {
    width: 100%;
  }
  input[type='number'] {
    width: 5em;
  }
  input[aria-invalid='true'] {
    border-color: var(--dt-color-error, #b3261e);
    border-width: 2px;
  }
  .field {
    display: block;
    margin: var(--dt-space-s, 0.5rem) 0 var(--dt-space-2xs, 2px);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dt-space-s, 0.5rem);
    align-items: center;
    margin: var(--dt-space-s, 0.5rem) 0;
  }
  .help {
    margin: var(--dt-space-2xs, 2px) 0;
    font-size: 0.9em;
  }
  .edits li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--dt-space-s, 0.5rem);
  }
  .edits .what {
    overflow-wrap: anywhere;
  }
  button:disabled {
    cursor: not-allowed;
    color: var(--dt-color-muted, #595959);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    input[type='text'],
    input[type='number'],
    input[type='file'],
    fieldset {
      border-color: CanvasText;
    }
  }
`;
