import { css, type CSSResultGroup } from 'lit';
import { DtElement } from './dt-element.js';

/** Styles every panel shares: headings, lists, tables, buttons and focus, all themable. */
export const panelStyles = css`
  :host {
    display: block;
    font: var(--dt-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--dt-color-text, #1b1b1b);
  }
  h2 {
    font-size: var(--dt-heading-size, 0.95rem);
    margin: 0 0 var(--dt-space-s, 0.5rem);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button,
  input {
    font: inherit;
  }
  button {
    min-height: 24px;
    color: inherit;
    background: var(--dt-color-button, #ffffff);
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
    padding: 2px var(--dt-space-s, 0.5rem);
    cursor: pointer;
  }
  button:hover {
    background: var(--dt-color-button-hover, #eef2f8);
  }
  :focus-visible {
    outline: var(--dt-focus-width, 3px) solid var(--dt-focus-color, #1a56c4);
    outline-offset: 1px;
  }
  .muted {
    color: var(--dt-color-muted, #595959);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 2px 4px;
    border-bottom: 1px solid var(--dt-color-border-subtle, #dddddd);
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  .swatch {
    display: inline-block;
    width: 1em;
    height: 1em;
    border: 1px solid var(--dt-color-border, #767676);
    vertical-align: -0.15em;
    margin-right: 0.4em;
    forced-color-adjust: none;
  }
`;

/**
 * The base class of panels and controls (layer list, legend, feature list, a supplier's tool). It
 * re-renders when its twin changes and shares the panel styles.
 */
export class DtPanelElement extends DtElement {
  static override styles: CSSResultGroup = panelStyles;
}
