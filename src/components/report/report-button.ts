/**
 * The "Report" button of one scenario in the scenario panel, and the status line under it (a polite
 * live region: "The report of kanalen opened in a new window."). The panel renders it with
 * `reportButton(this, this.twin, scenario)`.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { DtExportError } from '../../core/export/export-error.js';
import { translate } from '../../core/i18n/localize.js';
import type { TwinController } from '../base/twin-controller.js';
import type { DtScenario } from '../scenario/dt-scenario.js';
import { makeScenarioReport, showReport } from './scenario-report.js';

/** The status of each scenario's last report (kept while the scenario lives). */
const statuses = new WeakMap<DtScenario, { text: string; busy: boolean; error: boolean }>();

async function report(
  host: ReactiveControllerHost & EventTarget,
  twin: TwinController,
  scenario: DtScenario,
): Promise<void> {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(twin.locale, key, params);
  statuses.set(scenario, { text: '', busy: true, error: false });
  host.requestUpdate();
  try {
    const made = await makeScenarioReport(twin, scenario);
    const how = showReport(made);
    const text =
      how === 'opened'
        ? t('report.opened', { id: scenario.id })
        : t('report.downloaded', { id: scenario.id, file: made.fileName });
    statuses.set(scenario, { text, busy: false, error: false });
  } catch (cause) {
    const error =
      cause instanceof DtExportError
        ? cause
        : new DtExportError('report', 'render', String(cause), { cause });
    statuses.set(scenario, {
      text: t('report.failed', { reason: error.reason }),
      busy: false,
      error: true,
    });
    host.dispatchEvent(
      new CustomEvent('dt-export-error', { detail: { error }, bubbles: true, composed: true }),
    );
  }
  host.requestUpdate();
}

/** The report button of `scenario` (nothing before its first result) and its status line. */
export function reportButton(
  host: ReactiveControllerHost & EventTarget,
  twin: TwinController | undefined,
  scenario: DtScenario,
) {
  if (!twin || !scenario.result) return nothing;
  const status = statuses.get(scenario);
  return html`<div class="row">
      <button
        type="button"
        aria-label=${translate(twin.locale, 'report.buttonLabel', { id: scenario.id })}
        ?disabled=${status?.busy ?? false}
        @click=${() => void report(host, twin, scenario)}
      >
        ${translate(twin.locale, 'report.button')}
      </button>
    </div>
    <p class=${status?.error ? 'error' : 'muted'} role="status">${status?.text ?? ''}</p>`;
}
