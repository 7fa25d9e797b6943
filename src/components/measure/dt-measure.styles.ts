import { css } from 'lit';
import { panelStyles } from '../base/dt-panel-element.js';

/**
 * Styles of the panel tools `<dt-measure>` and `<dt-snapshot>`: the shared panel styles (every
 * colour, font, radius and spacing a `--dt-*` custom property) plus their form controls, at least
 * 24 by 24 CSS pixels each.
 */
// One CSSResult, not an array: DtPanelElement's `styles` is typed as a single CSSResult.
export const toolStyles = css`
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
  .choices {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--dt-space-m, 0.75rem);
  }
  input[type='radio'] {
    width: var(--dt-checkbox-size, 1.125rem);
    height: var(--dt-checkbox-size, 1.125rem);
    margin: 0;
    accent-color: var(--dt-color-accent, #1a56c4);
  }
  textarea,
  select,
  input[type='number'] {
    font: inherit;
    min-height: var(--dt-target-size, 24px);
    box-sizing: border-box;
    color: inherit;
    background: var(--dt-color-button, #ffffff);
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
    padding: var(--dt-space-2xs, 2px) var(--dt-space-xs, 0.375rem);
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  input[type='number'] {
    width: 6em;
  }
  [aria-invalid='true'] {
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
  ol {
    margin: 0;
    padding: 0 0 0 1.25em;
  }
  ol li {
    overflow-wrap: anywhere;
  }
  ol li button {
    margin-left: var(--dt-space-xs, 0.375rem);
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
    textarea,
    select,
    input[type='number'] {
      border-color: ButtonText;
    }
  }
`;
