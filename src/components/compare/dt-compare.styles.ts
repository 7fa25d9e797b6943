import { css } from 'lit';
import { panelStyles } from '../base/dt-panel-element.js';

/**
 * `<dt-compare>` lies over the twin's map (it fills the twin's stage) and lets the pointer through,
 * except on its own controls: the divider, the second map and the control box.
 */
export const compareStyles = [
  panelStyles,
  css`
    :host {
      position: absolute;
      inset: 0;
      z-index: 1;
      pointer-events: none;
    }
    :host([hidden]) {
      display: none;
    }
    .divider {
      position: absolute;
      width: 0;
      pointer-events: none;
    }
    /* The visible line, with a wider invisible strip to grab it by. */
    .line {
      position: absolute;
      top: 0;
      bottom: 0;
      left: -8px;
      width: 16px;
      cursor: ew-resize;
      pointer-events: auto;
      touch-action: none;
    }
    .line::before {
      content: '';
      position: absolute;
      top: 0;
      bottom: 0;
      left: calc(8px - var(--dt-compare-divider-width, 3px) / 2);
      width: var(--dt-compare-divider-width, 3px);
      background: var(--dt-compare-divider-color, #ffffff);
      box-shadow: 0 0 0 1px var(--dt-compare-divider-outline, rgba(0, 0, 0, 0.55));
    }
    .handle {
      position: absolute;
      top: 50%;
      left: calc(var(--dt-compare-handle-size, 36px) / -2);
      width: var(--dt-compare-handle-size, 36px);
      height: var(--dt-compare-handle-size, 36px);
      margin-top: calc(var(--dt-compare-handle-size, 36px) / -2);
      display: grid;
      place-items: center;
      box-sizing: border-box;
      border-radius: 50%;
      border: 2px solid var(--dt-compare-divider-outline, rgba(0, 0, 0, 0.55));
      background: var(--dt-compare-divider-color, #ffffff);
      color: var(--dt-color-text, #1b1b1b);
      font-weight: 700;
      cursor: ew-resize;
      pointer-events: auto;
      touch-action: none;
      user-select: none;
    }
    .handle:focus-visible {
      outline: var(--dt-focus-width, 3px) solid var(--dt-focus-color, #1a56c4);
      outline-offset: 2px;
    }
    .name {
      position: absolute;
      top: var(--dt-space-s, 0.5rem);
      max-width: 40%;
      padding: var(--dt-space-2xs, 2px) var(--dt-space-s, 0.5rem);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--dt-color-text, #1b1b1b);
      background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
      border: 1px solid var(--dt-color-border, #767676);
      border-radius: var(--dt-radius, 4px);
    }
    .second {
      position: absolute;
      top: 0;
      bottom: 0;
      left: 50%;
      right: 0;
      border-left: var(--dt-compare-divider-width, 3px) solid
        var(--dt-compare-divider-color, #ffffff);
      pointer-events: auto;
    }
    .second dt-map {
      position: absolute;
      inset: 0;
    }
    .controls {
      position: absolute;
      left: var(--dt-space-s, 0.5rem);
      bottom: var(--dt-space-s, 0.5rem);
      box-sizing: border-box;
      width: min(
        var(--dt-compare-controls-width, 360px),
        calc(100% - 2 * var(--dt-space-s, 0.5rem))
      );
      max-height: 60%;
      overflow: auto;
      display: grid;
      gap: var(--dt-space-s, 0.5rem);
      padding: var(--dt-space-s, 0.5rem);
      pointer-events: auto;
      background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
      border: 1px solid var(--dt-color-border-subtle, #dddddd);
      border-radius: var(--dt-radius, 4px);
      box-shadow: var(--dt-shadow, 0 1px 4px rgba(0, 0, 0, 0.25));
    }
    .controls.wide {
      width: min(
        var(--dt-compare-controls-wide-width, 480px),
        calc(100% - 2 * var(--dt-space-s, 0.5rem))
      );
    }
    .controls th,
    .controls td {
      overflow-wrap: normal;
    }
    .modes {
      display: flex;
      flex-wrap: wrap;
      gap: var(--dt-space-xs, 0.375rem);
    }
    p {
      margin: 0;
    }
    .ramp {
      height: 0.75rem;
      border: 1px solid var(--dt-color-border, #767676);
      forced-color-adjust: none;
    }
    .ticks {
      display: flex;
      justify-content: space-between;
    }
    caption {
      text-align: left;
      font-weight: 600;
    }
    td.number,
    th.number {
      text-align: right;
      white-space: nowrap;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    @media (forced-colors: active) {
      .line::before {
        background: CanvasText;
      }
      .handle {
        border-color: CanvasText;
      }
    }
  `,
];
