import { css, unsafeCSS } from 'lit';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';

export const mapStyles = [
  unsafeCSS(maplibreCss),
  css`
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
      min-height: var(--dt-map-min-height, 300px);
      background: var(--dt-map-background, #f2efe9);
    }
    .map {
      position: absolute;
      inset: 0;
    }
    .map canvas:focus-visible {
      outline: var(--dt-focus-width, 3px) solid var(--dt-focus-color, #1a56c4);
      outline-offset: calc(-1 * var(--dt-focus-width, 3px));
    }
    .message {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      padding: var(--dt-space-m, 1rem);
      margin: 0;
      font: var(--dt-font, 1rem/1.5 system-ui, sans-serif);
      color: var(--dt-color-text, #1b1b1b);
      text-align: center;
    }
    .status {
      position: absolute;
      top: 50%;
      left: 50%;
      z-index: 1;
      margin: 0;
      transform: translate(-50%, -50%);
      font: var(--dt-font, 1rem/1.5 system-ui, sans-serif);
      color: var(--dt-color-text, #1b1b1b);
    }
    .status:not(:empty) {
      padding: var(--dt-space-s, 0.5rem) var(--dt-space-m, 1rem);
      background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
      border: 1px solid var(--dt-color-border, #767676);
      border-radius: var(--dt-radius, 4px);
      box-shadow: var(--dt-shadow, 0 1px 4px rgba(0, 0, 0, 0.25));
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .maplibregl-ctrl button {
      min-width: 29px;
      min-height: 29px;
    }
  `,
];
