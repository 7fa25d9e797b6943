import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { downloadBlob } from '../../core/export/download.js';
import { formatNumber } from '../../core/i18n/localize.js';
import { shortHash } from '../../core/share/canonical.js';
import type { RunProvenance } from '../../core/share/provenance.js';
import type { ScenarioResult } from '../../core/sim/scenario-result.js';
import { DtPanelElement, panelStyles } from '../base/dt-panel-element.js';

/** What the run information reads of a scenario. */
export interface RunInfoTarget {
  /** The scenario's id (the download's file name). */
  id: string;
  /** Its last result. */
  result?: ScenarioResult | undefined;
}

/**
 * The run information of a scenario's last result: the short hash of its inputs (visible without
 * opening), the model and SDK version, when it ran and how long it took, its parameters, the number
 * of greenery edits and the data sources with their URLs and content hashes, and a button that
 * downloads it all as JSON. The scenario panel shows one per scenario.
 *
 * @summary Provenance of a scenario run: input hash, model, parameters, sources; JSON download.
 * @csspart run-info - The `<details>` element.
 * @csspart hash - The input hash.
 * @csspart button - The download button.
 */
export class DtRunInfo extends DtPanelElement {
  static override styles = [
    panelStyles,
    css`
      summary {
        min-height: var(--dt-target-size, 24px);
        line-height: var(--dt-target-size, 24px);
        cursor: pointer;
      }
      code {
        font-family: var(--dt-font-mono, ui-monospace, monospace);
        overflow-wrap: anywhere;
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding-top: var(--dt-space-xs, 0.375rem);
      }
      .row {
        margin: var(--dt-space-s, 0.5rem) 0;
      }
      h4 {
        margin: var(--dt-space-s, 0.5rem) 0 var(--dt-space-2xs, 2px);
        font-size: inherit;
      }
      .sources li + li {
        margin-top: var(--dt-space-xs, 0.375rem);
      }
    `,
  ];

  /** The scenario whose last run is shown. */
  @property({ attribute: false }) scenario: RunInfoTarget | undefined;

  /** The provenance shown, or undefined before a run (or without Web Crypto). */
  get provenance(): RunProvenance | undefined {
    return this.scenario?.result?.provenance;
  }

  /** Offers the provenance as a JSON download: `<scenario id>-run-<hash>.json`. */
  download(): void {
    const provenance = this.provenance;
    if (!provenance) return;
    const id = (this.scenario?.id || 'scenario').replace(/[^\w.-]+/g, '_');
    downloadBlob(
      `${JSON.stringify(provenance, null, 2)}\n`,
      `${id}-run-${provenance.inputHash}.json`,
      'application/json',
    );
  }

  /** A parameter value as text: numbers per locale, lists joined, anything else as JSON. */
  private value(value: unknown): string {
    const locale = this.twin?.locale ?? 'en';
    if (typeof value === 'number') return formatNumber(locale, value, 4);
    if (Array.isArray(value)) return value.map((v) => this.value(v)).join(', ');
    if (value === null || value === undefined) return '–';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  private table(caption: string, rows: [string, unknown][]) {
    return html`<table>
      <caption>
        ${caption}
      </caption>
      <tbody>
        ${rows.map(
          ([name, value]) =>
            html`<tr>
              <th scope="row">${name}</th>
              <td>${value}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const p = this.provenance;
    if (!p) return nothing;
    const locale = this.twin?.locale ?? 'en';
    const ranAt = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'medium',
    }).format(new Date(p.startedAt));
    const hash = html`<code part="hash" title=${p.inputHashFull}>${p.inputHash}</code>`;
    return html`<details part="run-info">
      <summary>${this.t('runInfo.summary')} · ${hash}</summary>
      <p class="muted">${this.t('runInfo.hashHelp')}</p>
      ${this.table(this.t('runInfo.summary'), [
        [this.t('runInfo.hash'), hash],
        [
          this.t('runInfo.model'),
          this.t('runInfo.modelValue', {
            name: p.model.name,
            kind: p.model.kind,
            version: p.model.version,
          }),
        ],
        [this.t('runInfo.ranAt'), ranAt],
        [this.t('runInfo.duration'), `${formatNumber(locale, p.elapsedMs, 0)} ms`],
        [this.t('runInfo.edits'), formatNumber(locale, p.edits.length, 0)],
      ])}
      ${this.table(
        this.t('runInfo.parameters'),
        Object.entries(p.modelParameters).map(([name, value]) => [name, this.value(value)]),
      )}
      <h4>${this.t('runInfo.sources')}</h4>
      <ul class="sources">
        ${p.sources.map(
          (s) =>
            html`<li>
              <strong>${s.role}</strong>: ${s.id} (${s.type}, ${s.crs})<br />
              <code>${s.url ?? this.t('runInfo.inline')}</code><br />
              ${this.t('runInfo.contentHash')}:
              ${
                s.contentHash
                  ? html`<code title=${s.contentHash}>${shortHash(s.contentHash)}</code>`
                  : this.t('runInfo.unavailable')
              }
            </li>`,
        )}
      </ul>
      <div class="row">
        <button type="button" part="button" @click=${() => this.download()}>
          ${this.t('runInfo.download')}
        </button>
      </div>
    </details>`;
  }
}
