import { css, html, nothing } from 'lit';
import { CATALOGUES } from '../../core/i18n/localize.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import { DtPanelElement, panelStyles } from '../base/dt-panel-element.js';
import { DtScenario } from '../scenario/dt-scenario.js';
import { formatChange, formatStat } from './format-stat.js';
import { gridRange } from '../layer/raster-layer.js';
import { reportButton } from '../report/report-button.js';
import { downloadBlob, featuresToGeoJson } from '../../core/export/index.js';
import {
  bandGeoTiff,
  exportBandName,
  floodedBuildingsGeoJson,
  statsCsv,
} from '../../core/sim/scenario-export.js';

/** How many flooded buildings the list shows before "and N more". */
const BUILDING_ROWS = 25;

/**
 * The controls and results of every `<dt-scenario>` in the twin: a water-level slider (bathtub),
 * run and cancel with progress (time-stepping models), a timeline, the results as a table (the text
 * alternative to the map) and the flooded buildings.
 *
 * @summary Scenario controls and results table.
 * @csspart scenario - One scenario's section.
 * @csspart results - A scenario's results table.
 * @csspart run-info - A scenario's run information (input hash, model, sources; JSON download).
 * @csspart hash - The input hash in the run information.
 */
export class DtScenarioPanel extends DtPanelElement {
  static override styles = [
    panelStyles,
    css`
      h3 {
        font-size: var(--dt-heading-size, 0.95rem);
        margin: var(--dt-space-s, 0.5rem) 0;
      }
      summary {
        min-height: 24px;
        line-height: 24px;
        cursor: pointer;
      }
      input[type='range'] {
        min-height: 24px;
        width: 100%;
        accent-color: var(--dt-color-accent, #1a56c4);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dt-space-s, 0.5rem);
        align-items: center;
        margin: var(--dt-space-s, 0.5rem) 0;
      }
      caption {
        text-align: left;
        font-weight: 600;
      }
    `,
  ];
  #onProgress = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('dt-scenario-progress', this.#onProgress);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('dt-scenario-progress', this.#onProgress);
  }

  private statLabel(key: string): string {
    const messageKey = `stat.${key}` as MessageKey;
    // A supplier's kind labels its statistics with messages it registered (registerMessages).
    const text = this.t(messageKey);
    return messageKey in CATALOGUES.en || text !== messageKey ? text : key;
  }

  private levelControl(scenario: DtScenario) {
    const dem = scenario.result?.bands['flood-level'];
    const [min, max] = dem ? gridRange(dem) : [scenario.waterLevel - 2, scenario.waterLevel + 2];
    const id = `level-${scenario.id}`;
    return html`<label for=${id}>${this.t('scenario.waterLevel')}</label>
      <input
        id=${id}
        type="range"
        min=${Math.floor(min * 10) / 10}
        max=${Math.ceil((max + 1) * 10) / 10}
        step="0.05"
        .value=${String(scenario.waterLevel)}
        aria-valuetext=${`${scenario.waterLevel.toFixed(2)} m NAP`}
        @input=${(e: Event) => (scenario.waterLevel = Number((e.target as HTMLInputElement).value))}
      />
      <output for=${id}>${scenario.waterLevel.toFixed(2)} m NAP</output>`;
  }

  private runControls(scenario: DtScenario) {
    const running = scenario.state === 'loading';
    return html`<div class="row">
      <button type="button" ?disabled=${running} @click=${() => scenario.reload()}>
        ${this.t('scenario.run')}
      </button>
      <button type="button" ?disabled=${!running} @click=${() => scenario.cancel()}>
        ${this.t('scenario.cancel')}
      </button>
      ${
        running
          ? html`<progress
              max="1"
              .value=${scenario.progress ?? 0}
              aria-label=${this.t('scenario.progress')}
            ></progress>`
          : nothing
      }
    </div>`;
  }

  private exports(scenario: DtScenario) {
    const result = scenario.result;
    if (!result) return nothing;
    const id = scenario.id || 'scenario';
    const features = scenario.data?.features ?? [];
    const band = exportBandName(result) ?? '';
    const flood = ['max-depth', 'depth'].includes(band);
    const floodedOnly = result.buildings.length > 0;
    return html`<div class="row" role="group" aria-label=${this.t('scenario.export')}>
      <button
        type="button"
        @click=${async () =>
          downloadBlob(await bandGeoTiff(result), `${id}-${band}.tif`, 'image/tiff')}
      >
        ${flood ? this.t('scenario.exportDepth') : this.t('scenario.exportBand', { band })}
      </button>
      ${
        features.length > 0
          ? html`<button
              type="button"
              @click=${() =>
                downloadBlob(
                  floodedOnly
                    ? floodedBuildingsGeoJson(features, `${id} flooded buildings`)
                    : featuresToGeoJson(features, { name: `${id} buildings` }),
                  `${id}-${floodedOnly ? 'flooded-buildings' : 'buildings'}.geojson`,
                  'application/geo+json',
                )}
            >
              ${
                floodedOnly
                  ? this.t('scenario.exportBuildings')
                  : this.t('scenario.exportAllBuildings')
              }
            </button>`
          : nothing
      }
      <button
        type="button"
        @click=${() => downloadBlob(statsCsv(result), `${id}-statistics.csv`, 'text/csv')}
      >
        ${this.t('scenario.exportStats')}
      </button>
    </div>`;
  }

  private results(scenario: DtScenario) {
    const result = scenario.result;
    if (!result) return nothing;
    const locale = this.twin?.locale ?? 'en';
    const flooded = result.buildings.filter((b) => b.flooded);
    const features = scenario.data?.features ?? [];
    const nameOf = (index: number) =>
      String(
        features[index]?.properties?.['identificatiebagpnd'] ??
          features[index]?.properties?.['identificatie'] ??
          this.t('feature.fallbackName', { index: index + 1 }),
      );
    const baseline = result.baseline;
    const before = (key: string) => baseline?.stats.find((s) => s.key === key);
    return html`<table part="results">
        <caption>
          ${
            baseline
              ? this.t('compare.caption', {
                  id: scenario.id,
                  count: Number(result.parameters['edits'] ?? 0),
                })
              : this.t('scenario.results')
          }
        </caption>
        ${
          baseline
            ? html`<thead>
                <tr>
                  <td></td>
                  <th scope="col">${this.t('compare.before')}</th>
                  <th scope="col">${this.t('compare.after')}</th>
                  <th scope="col">${this.t('compare.change')}</th>
                </tr>
              </thead>`
            : nothing
        }
        <tbody>
          ${result.stats.map((stat) => {
            const old = before(stat.key);
            return html`<tr>
              <th scope="row">${this.statLabel(stat.key)}</th>
              ${baseline ? html`<td>${old ? formatStat(locale, old) : ''}</td>` : nothing}
              <td>${formatStat(locale, stat)}</td>
              ${
                baseline
                  ? html`<td>
                      ${old ? formatChange(locale, { ...stat, value: stat.value - old.value }) : ''}
                    </td>`
                  : nothing
              }
            </tr>`;
          })}
        </tbody>
      </table>
      ${
        flooded.length > 0
          ? html`<details>
              <summary>${this.t('scenario.buildings', { count: flooded.length })}</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${this.t('scenario.building')}</th>
                    <th scope="col">${this.t('scenario.ringDepth')}</th>
                    <th scope="col">${this.t('scenario.dryStoreys')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${flooded.slice(0, BUILDING_ROWS).map(
                    (b) =>
                      html`<tr>
                        <td>${nameOf(b.index)}</td>
                        <td>${formatStat(locale, { key: '', value: b.ringDepthM, unit: 'm' })}</td>
                        <td>${b.dryStoreys}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${
                flooded.length > BUILDING_ROWS
                  ? html`<p class="muted">
                      ${this.t('scenario.more', { count: flooded.length - BUILDING_ROWS })}
                    </p>`
                  : nothing
              }
            </details>`
          : nothing
      }`;
  }

  override render() {
    const scenarios = (this.twin?.sources ?? []).filter(
      (s): s is DtScenario => s instanceof DtScenario,
    );
    if (scenarios.length === 0) return nothing;
    return html`<section aria-labelledby="heading">
      <h2 id="heading">${this.t('scenario.heading')}</h2>
      ${scenarios.map(
        (scenario) =>
          html`<section part="scenario" aria-label=${scenario.id}>
            <h3>${scenario.id}</h3>
            ${
              scenario.type === 'flood' && scenario.mode !== 'breach'
                ? this.levelControl(scenario)
                : this.runControls(scenario)
            }
            ${
              scenario.state === 'error'
                ? html`<p role="alert">${scenario.error?.reason}</p>`
                : nothing
            }
            ${
              scenario.times.length > 1
                ? html`<dt-timeline .target=${scenario}></dt-timeline>`
                : nothing
            }
            ${this.results(scenario)} ${this.exports(scenario)}
            <dt-run-info .scenario=${scenario} exportparts="run-info, hash"></dt-run-info>
            ${reportButton(this, this.twin, scenario)}
          </section>`,
      )}
    </section>`;
  }
}
