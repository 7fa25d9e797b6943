import { css, type CSSResultGroup } from 'lit';
import { DtElement } from './dt-element.js';

/**
 * Styles every panel shares: headings, lists, tables, buttons, checkboxes and focus. Every colour,
 * font, radius and spacing is a `--dt-*` custom property (the defaults are the fallbacks here), so a
 * page themes all panels at once by setting them on `<dt-twin>` (see its `@cssproperty` list).
 * Controls are at least 24 by 24 CSS pixels (WCAG 2.2 target size), and in forced-colors mode
 * (Windows high contrast) they keep visible borders, focus ring and selected state in system colours.
 */
export const panelStyles = css`
  :host {
    display: block;
    font: var(--dt-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--dt-color-text, #1b1b1b);
  }
  h2 {
    font-size: var(--dt-heading-size, 0.95rem);
    font-weight: var(--dt-heading-weight, 700);
    margin: 0 0 var(--dt-space-s, 0.5rem);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li + li {
    margin-top: var(--dt-space-2xs, 2px);
  }
  button,
  input {
    font: inherit;
  }
  button {
    min-height: var(--dt-target-size, 24px);
    min-width: var(--dt-target-size, 24px);
    color: var(--dt-color-button-text, inherit);
    background: var(--dt-color-button, #ffffff);
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
    padding: var(--dt-space-2xs, 2px) var(--dt-space-s, 0.5rem);
    cursor: pointer;
  }
  button:hover {
    background: var(--dt-color-button-hover, #eef2f8);
  }
  button[aria-pressed='true'] {
    background: var(--dt-color-selected, #dce6f7);
    border-color: var(--dt-focus-color, #1a56c4);
    font-weight: 600;
  }
  /* A checkbox and its text are one target, at least 24 px high. */
  label {
    display: inline-flex;
    align-items: center;
    gap: var(--dt-space-xs, 0.375rem);
    min-height: var(--dt-target-size, 24px);
    cursor: pointer;
  }
  input[type='checkbox'] {
    width: var(--dt-checkbox-size, 1.125rem);
    height: var(--dt-checkbox-size, 1.125rem);
    margin: 0;
    accent-color: var(--dt-color-accent, #1a56c4);
  }
  :focus-visible {
    outline: var(--dt-focus-width, 3px) solid var(--dt-focus-color, #1a56c4);
    outline-offset: var(--dt-focus-offset, 1px);
  }
  .muted {
    color: var(--dt-color-muted, #595959);
  }
  .error {
    color: var(--dt-color-error, #b3261e);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: var(--dt-space-2xs, 2px) var(--dt-space-xs, 4px);
    border-bottom: 1px solid var(--dt-color-border-subtle, #dddddd);
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  .swatch {
    display: inline-block;
    flex: none;
    width: var(--dt-swatch-size, 1em);
    height: var(--dt-swatch-size, 1em);
    border: 1px solid var(--dt-color-border, #767676);
    vertical-align: -0.15em;
    margin-right: var(--dt-space-xs, 0.4em);
    /* The swatch is the legend: it keeps its colour in forced-colors mode. */
    forced-color-adjust: none;
  }
  @media (forced-colors: active) {
    button,
    input[type='checkbox'] {
      border-color: ButtonText;
    }
    button[aria-pressed='true'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
      border-color: HighlightText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    .swatch {
      border-color: CanvasText;
    }
    th,
    td {
      border-bottom-color: CanvasText;
    }
  }
`;

/**
 * The base class of panels and controls (layer list, legend, feature list, a supplier's tool). It
 * re-renders when its twin changes and shares the panel styles.
 */
export class DtPanelElement extends DtElement {
  static override styles: CSSResultGroup = panelStyles;
}
