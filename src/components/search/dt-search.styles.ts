import { css } from 'lit';
import { panelStyles } from '../base/dt-panel-element.js';

/**
 * Styles of `<dt-search>`: the shared panel styles plus the text field, the result list and, with
 * `placement="overlay"` (the default), a box at the top left of the twin's map, right of the zoom
 * buttons. In the twin's panel it is `placement="inline"`: laid out as the panel's other sections.
 */
export const searchStyles = css`
  ${panelStyles}
  :host([placement='overlay']) {
    position: absolute;
    top: var(--dt-space-s, 0.5rem);
    left: calc(var(--dt-space-s, 0.5rem) + 44px);
    z-index: 2;
    width: var(--dt-search-width, 18rem);
    max-width: calc(100% - 60px);
    box-sizing: border-box;
    padding: var(--dt-space-s, 0.5rem);
    background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
    border: 1px solid var(--dt-color-border-subtle, #dddddd);
    border-radius: var(--dt-radius, 4px);
    box-shadow: var(--dt-shadow, 0 1px 4px rgba(0, 0, 0, 0.25));
  }
  :host([hidden]) {
    display: none;
  }
  .label {
    display: block;
    min-height: 0;
    font-weight: var(--dt-heading-weight, 700);
    margin: 0 0 var(--dt-space-2xs, 2px);
  }
  .field {
    display: flex;
    gap: var(--dt-space-xs, 0.375rem);
  }
  input {
    flex: 1;
    min-width: 0;
    min-height: var(--dt-target-size, 24px);
    box-sizing: border-box;
    color: inherit;
    background: var(--dt-color-button, #ffffff);
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
    padding: var(--dt-space-2xs, 2px) var(--dt-space-xs, 0.375rem);
  }
  [role='listbox'] {
    margin: var(--dt-space-2xs, 2px) 0 0;
    max-height: var(--dt-search-list-height, 16rem);
    overflow: auto;
    border: 1px solid var(--dt-color-border-subtle, #dddddd);
    border-radius: var(--dt-radius, 4px);
    background: var(--dt-color-button, #ffffff);
  }
  [role='listbox'][hidden] {
    display: none;
  }
  .group-label {
    padding: var(--dt-space-2xs, 2px) var(--dt-space-xs, 0.375rem);
    font-size: 0.85em;
    font-weight: 600;
    color: var(--dt-color-muted, #595959);
    border-top: 1px solid var(--dt-color-border-subtle, #dddddd);
  }
  [role='group']:first-child .group-label {
    border-top: 0;
  }
  [role='option'] {
    display: block;
    min-height: var(--dt-target-size, 24px);
    padding: var(--dt-space-2xs, 2px) var(--dt-space-xs, 0.375rem);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  [role='option']:hover {
    background: var(--dt-color-button-hover, #eef2f8);
  }
  [role='option'][aria-selected='true'] {
    background: var(--dt-color-selected, #dce6f7);
    outline: 2px solid var(--dt-focus-color, #1a56c4);
    outline-offset: -2px;
  }
  .detail {
    display: block;
    font-size: 0.85em;
    color: var(--dt-color-muted, #595959);
  }
  mark {
    background: none;
    color: inherit;
    font-weight: 700;
  }
  .summary {
    margin: var(--dt-space-2xs, 2px) 0 0;
    font-size: 0.9em;
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
    input,
    [role='listbox'] {
      border-color: ButtonText;
    }
    [role='option'][aria-selected='true'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
    }
  }
`;
