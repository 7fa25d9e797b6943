/**
 * The printable report of a scenario: its content (report-content.ts) with an image of the current
 * view (the PNG export), written as an HTML document (report-document.ts), then opened in a new
 * window or, where the browser blocks that, downloaded as an `.html` file.
 */
import { DtExportError } from '../../core/export/export-error.js';
import { downloadBlob } from '../../core/export/download.js';
import type { ScenarioReport } from '../../core/export/report-html.js';
import { translate } from '../../core/i18n/localize.js';
import type { TwinController } from '../base/twin-controller.js';
import type { DtScenario } from '../scenario/dt-scenario.js';
import { snapshotTwin } from '../snapshot/twin-snapshot.js';
import { scenarioReportContent, type ReportContentOptions } from './report-content.js';
import { reportHtml } from './report-document.js';

/** Options of {@link makeScenarioReport}. */
export interface ScenarioReportOptions extends Omit<ReportContentOptions, 'image'> {
  /** Put an image of the current view in the report (default true). */
  image?: boolean;
}

/** A report, as content and as the text of an HTML file. */
export interface MadeReport {
  /** What the report shows. */
  report: ScenarioReport;
  /** The standalone HTML document. */
  html: string;
  /** The suggested file name: `<scenario id>-report.html`. */
  fileName: string;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Makes the report of `scenario` in `twin`: waits for a run in progress, takes an image of the
 * current view (its failure is written in the report instead), and writes the HTML.
 * @throws DtExportError (`report`, code `render`) when the scenario has no result.
 */
export async function makeScenarioReport(
  twin: TwinController,
  scenario: DtScenario,
  options: ScenarioReportOptions = {},
): Promise<MadeReport> {
  await scenario.settled;
  if (!scenario.result)
    throw new DtExportError('report', 'render', `scenario "${scenario.id}" has no result yet`);
  let image: ScenarioReport['image'];
  if (options.image !== false) {
    try {
      const snapshot = await snapshotTwin(twin, { resolution: { scale: 1 } });
      image = {
        src: await blobToDataUrl(snapshot.blob),
        alt: translate(twin.locale, 'report.mapAlt'),
        width: snapshot.width,
        height: snapshot.height,
      };
    } catch (error) {
      const reason = error instanceof DtExportError ? error.reason : String(error);
      image = { failure: translate(twin.locale, 'report.noMap', { reason }) };
    }
  }
  const report = scenarioReportContent(twin, scenario, { ...options, image });
  const id = (scenario.id || scenario.type).replace(/[^\w.-]+/g, '-');
  return { report, html: reportHtml(report), fileName: `${id}-report.html` };
}

/**
 * Opens a made report in a new window (from a blob URL: the page's origin, no script in it), or
 * downloads it when the browser does not open one. Returns what happened.
 */
export function showReport(made: MadeReport): 'opened' | 'downloaded' {
  const url = URL.createObjectURL(new Blob([made.html], { type: 'text/html;charset=utf-8' }));
  const opened = window.open(url, '_blank');
  // The new window reads the URL as it loads; a minute is plenty before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  if (opened) return 'opened';
  downloadBlob(made.html, made.fileName, 'text/html;charset=utf-8');
  return 'downloaded';
}
