import { css } from 'lit';

/** Styles of `<dt-store>` beyond the shared panel styles; every colour is a `--dt-*` property. */
export const storeStyles = css`
  :host {
    display: block;
    position: relative;
    max-height: var(--dt-store-max-height, none);
    overflow: auto;
    background: var(--dt-color-panel, #ffffff);
    padding: var(--dt-space-m, 0.75rem);
    border: 1px solid var(--dt-color-border-subtle, #dddddd);
    border-radius: var(--dt-radius, 4px);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dt-space-s, 0.5rem);
    margin: 0 0 var(--dt-space-s, 0.5rem);
    padding: 0;
    border: 0;
  }
  .filters label {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--dt-space-2xs, 2px);
  }
  select,
  input[type='search'] {
    font: inherit;
    min-height: var(--dt-target-size, 24px);
    color: var(--dt-color-text, #1b1b1b);
    background: var(--dt-color-button, #ffffff);
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
  }
  ul.entries > li {
    border-top: 1px solid var(--dt-color-border-subtle, #dddddd);
    padding: var(--dt-space-s, 0.5rem) 0;
  }
  h3 {
    font-size: var(--dt-heading-size, 0.95rem);
    margin: 0;
  }
  h4 {
    font-size: inherit;
    margin: var(--dt-space-s, 0.5rem) 0 0;
  }
  p {
    margin: var(--dt-space-2xs, 2px) 0;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: var(--dt-space-2xs, 2px) var(--dt-space-s, 0.5rem);
    margin: var(--dt-space-xs, 0.375rem) 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--dt-space-xs, 0.375rem);
    border: 1px solid var(--dt-color-border, #767676);
    border-radius: var(--dt-radius, 4px);
  }
  .badge.refused,
  .badge.revoked,
  .outcome.fail {
    color: var(--dt-color-error, #b3261e);
    border-color: currentColor;
  }
  .badge.admitted,
  .badge.stable,
  .outcome.pass {
    color: var(--dt-color-success, #1e6b34);
  }
  .badge.warning,
  .badge.deprecated,
  .outcome.warn {
    color: var(--dt-color-warning, #7a4d00);
  }
  .outcome {
    font-weight: 600;
  }
  .note {
    color: var(--dt-color-muted, #595959);
    font-style: italic;
  }
  details {
    margin-top: var(--dt-space-xs, 0.375rem);
  }
  summary {
    cursor: pointer;
    min-height: var(--dt-target-size, 24px);
  }
  code {
    overflow-wrap: anywhere;
  }
  a {
    color: var(--dt-color-link, #1a56c4);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
