import { css } from 'lit';

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
  .stage {
    position: absolute;
    inset: 0;
  }
  ::slotted(dt-map),
  .stage > dt-map {
    position: absolute;
    inset: 0;
  }
  .toggle {
    position: absolute;
    top: var(--dt-space-s, 0.5rem);
    right: var(--dt-space-s, 0.5rem);
    z-index: 2;
    min-width: 44px;
    min-height: 32px;
    font: inherit;
    color: var(--dt-color-text, #1b1b1b);
    background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
    cursor: pointer;
  }
  .toggle:focus-visible {
    outline: var(--dt-focus-width, 3px) solid var(--dt-focus-color, #1a56c4);
    outline-offset: 1px;
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
    background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
    border: 1px solid var(--dt-color-border-subtle, #dddddd);
    border-radius: var(--dt-radius, 4px);
    box-shadow: var(--dt-shadow, 0 1px 4px rgba(0, 0, 0, 0.25));
  }
  aside[hidden] {
    display: none;
  }
`;
