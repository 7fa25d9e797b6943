import { css } from 'lit';

/**
 * The dark theme: defaults for the `--dt-*` colours. Set on the host, so panels inherit them, and
 * a page's own values for the same properties (set on `dt-twin` from outside) still win.
 */
const darkTokens = css`
  color-scheme: dark;
  --dt-color-text: #f2f2f2;
  --dt-color-muted: #bdbdbd;
  --dt-color-error: #ff9c8f;
  --dt-color-panel: rgba(30, 30, 32, 0.96);
  --dt-color-border: #a0a0a0;
  --dt-color-border-subtle: #4a4a4f;
  --dt-color-button: #2c2c30;
  --dt-color-button-hover: #3b414d;
  --dt-color-selected: #233f6e;
  --dt-color-accent: #8ab4ff;
  --dt-focus-color: #8ab4ff;
  --dt-shadow: 0 1px 4px rgba(0, 0, 0, 0.6);
  --dt-map-background: #1f2124;
`;

export const twinStyles = css`
  :host {
    display: block;
    position: relative;
    height: var(--dt-twin-height, 600px);
    min-height: 320px;
    overflow: hidden;
    font: var(--dt-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--dt-color-text, #1b1b1b);
    border-radius: var(--dt-twin-radius, 0);
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
  .stage {
    position: absolute;
    inset: 0;
  }
  ::slotted(dt-map),
  .stage > dt-map {
    position: absolute;
    inset: 0;
  }
  .toggle,
  .language button {
    font: inherit;
    color: var(--dt-color-button-text, var(--dt-color-text, #1b1b1b));
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
    cursor: pointer;
  }
  .toggle {
    position: absolute;
    top: var(--dt-space-s, 0.5rem);
    right: var(--dt-space-s, 0.5rem);
    z-index: 2;
    min-width: 44px;
    min-height: 32px;
    background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
  }
  .toggle:focus-visible,
  .language button:focus-visible {
    outline: var(--dt-focus-width, 3px) solid var(--dt-focus-color, #1a56c4);
    outline-offset: var(--dt-focus-offset, 1px);
  }
  aside {
    position: absolute;
    top: calc(var(--dt-space-s, 0.5rem) + 40px);
    right: var(--dt-space-s, 0.5rem);
    bottom: calc(var(--dt-space-s, 0.5rem) + 24px);
    z-index: 1;
    width: min(var(--dt-panel-width, 300px), calc(100% - 2 * var(--dt-space-s, 0.5rem)));
    overflow: auto;
    box-sizing: border-box;
    padding: var(--dt-space-m, 0.75rem);
    display: grid;
    align-content: start;
    gap: var(--dt-space-m, 0.75rem);
    color: var(--dt-color-text, #1b1b1b);
    background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
    border: 1px solid var(--dt-color-border-subtle, #dddddd);
    border-radius: var(--dt-radius, 4px);
    box-shadow: var(--dt-shadow, 0 1px 4px rgba(0, 0, 0, 0.25));
  }
  /* A narrow twin (a phone): the panel is a bottom sheet over the full-width map. */
  aside.sheet {
    top: auto;
    left: 0;
    right: 0;
    bottom: 0;
    width: auto;
    max-height: min(
      var(--dt-panel-sheet-height, 70%),
      calc(100% - 32px - 2 * var(--dt-space-s, 0.5rem))
    );
    border-radius: var(--dt-radius, 4px) var(--dt-radius, 4px) 0 0;
  }
  aside[hidden] {
    display: none;
  }
  .language {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dt-space-xs, 0.375rem);
  }
  .language button {
    min-width: var(--dt-target-size, 24px);
    min-height: var(--dt-target-size, 24px);
    padding: var(--dt-space-2xs, 2px) var(--dt-space-s, 0.5rem);
    background: var(--dt-color-button, #ffffff);
  }
  .language button:hover {
    background: var(--dt-color-button-hover, #eef2f8);
  }
  .language button[aria-pressed='true'] {
    background: var(--dt-color-selected, #dce6f7);
    border-color: var(--dt-focus-color, #1a56c4);
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  /* Windows high contrast and other forced colours: system colours keep controls and focus visible. */
  @media (forced-colors: active) {
    .toggle,
    .language button {
      border-color: ButtonText;
    }
    .toggle:focus-visible,
    .language button:focus-visible {
      outline-color: Highlight;
    }
    .language button[aria-pressed='true'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
      border-color: HighlightText;
    }
    aside {
      border-color: CanvasText;
    }
  }
`;
