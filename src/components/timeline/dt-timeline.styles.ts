import { css } from 'lit';
import { panelStyles } from '../base/dt-panel-element.js';

/**
 * Styles of `<dt-timeline>`: the shared panel styles plus its own. No transitions or animations: the
 * only motion is the playback the user started (so prefers-reduced-motion needs nothing here).
 */
// One CSSResult, not an array: DtPanelElement's `styles` is typed as a single CSSResult.
export const timelineStyles = css`
  ${panelStyles}
  .timeline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--dt-space-s, 0.5rem);
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-width: 24px;
    min-height: 24px;
  }
  button:disabled,
  input:disabled {
    cursor: not-allowed;
    color: var(--dt-color-muted, #595959);
  }
  svg {
    width: 0.9em;
    height: 0.9em;
    fill: currentColor;
    flex: none;
  }
  input[type='range'] {
    flex: 1 1 8rem;
    min-width: 6rem;
    min-height: 24px;
    margin: 0;
    accent-color: var(--dt-color-accent, #1a56c4);
    cursor: pointer;
  }
  .label {
    min-width: 4.5em;
    font-variant-numeric: tabular-nums;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
