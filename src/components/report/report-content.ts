/**
 * The content of a scenario report, gathered from the scenario, its result and the twin: the
 * parameters, statistics (before / with the plan / change with a baseline), the buildings most
 * affected, the run's hash and provenance when the result has them, the legends, the current
 * measurements and the attribution, all as text in the twin's language.
 */
import {
  modelCardFile,
  parameterText,
  topIndices,
  type ReportTable,
  type ScenarioReport,
} from '../../core/export/report-html.js';
import { formatNumber, translate, type Locale } from '../../core/i18n/localize.js';
import type { ScenarioResult, ScenarioStat } from '../../core/sim/scenario-result.js';
import type { TwinController } from '../base/twin-controller.js';
import { twinMeasurements } from '../measure/measure-store.js';
import { measurementText } from '../measure/measure-text.js';
import type { DtScenario } from '../scenario/dt-scenario.js';
import { formatChange, formatStat } from '../scenario-panel/format-stat.js';
import { twinAttribution, twinLegends } from '../snapshot/twin-snapshot.js';

/** Where the model cards are by default: `docs/models/` of the site, resolved against the page. */
export const DEFAULT_MODEL_CARD_BASE = '/docs/models/';

/** How many buildings a report lists per table. */
export const REPORT_BUILDING_ROWS = 10;

/** What the report needs besides the scenario. */
export interface ReportContentOptions {
  /** The map image as a PNG data URL with its size, or why there is none. */
  image?: ScenarioReport['image'];
  /** Where the model cards live (a URL or a path resolved against the page). Default `/docs/models/`. */
  modelCardBase?: string | undefined;
  /** The moment the report is made (default: now). */
  now?: Date | undefined;
}

function statLabel(locale: Locale, key: string): string {
  const text = translate(locale, `stat.${key}`);
  return text === `stat.${key}` ? key : text;
}

/** A date and time in the locale's long form: "29 November 2026 at 14:05". */
export function formatDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

function statisticsTable(locale: Locale, result: ScenarioResult): ReportTable {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const baseline = result.baseline;
  const before = (stat: ScenarioStat) => baseline?.stats.find((s) => s.key === stat.key);
  return {
    caption: t('report.statistics'),
    head: baseline
      ? [t('report.statistic'), t('compare.before'), t('compare.after'), t('compare.change')]
      : [t('report.statistic'), t('report.value')],
    rows: result.stats.map((stat) => {
      const old = before(stat);
      if (!baseline) return [statLabel(locale, stat.key), formatStat(locale, stat)];
      return [
        statLabel(locale, stat.key),
        old ? formatStat(locale, old) : '–',
        formatStat(locale, stat),
        old ? formatChange(locale, { ...stat, value: stat.value - old.value }) : '–',
      ];
    }),
  };
}

function buildingTables(locale: Locale, scenario: DtScenario, result: ScenarioResult) {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const features = scenario.data?.features ?? [];
  const nameOf = (index: number) =>
    String(
      features[index]?.properties?.['identificatiebagpnd'] ??
        features[index]?.properties?.['identificatie'] ??
        t('feature.fallbackName', { index: index + 1 }),
    );
  const tables: ReportTable[] = [];
  const flooded = result.buildings.filter((b) => b.flooded);
  if (flooded.length > 0) {
    const top = [...flooded]
      .sort((a, b) => b.ringDepthM - a.ringDepthM || a.index - b.index)
      .slice(0, REPORT_BUILDING_ROWS);
    tables.push({
      caption: t('report.flooded', { shown: top.length, total: flooded.length }),
      head: [t('report.building'), t('scenario.ringDepth'), t('scenario.dryStoreys')],
      rows: top.map((b) => [
        nameOf(b.index),
        formatStat(locale, { key: '', value: b.ringDepthM, unit: 'm' }),
        String(b.dryStoreys),
      ]),
    });
  }
  for (const [name, values] of Object.entries(result.buildingValues ?? {})) {
    const top = topIndices(values, REPORT_BUILDING_ROWS);
    if (top.length === 0) continue;
    const total = topIndices(values, values.length).length;
    tables.push({
      caption: t('report.perBuilding', { name, shown: top.length, total }),
      head: [t('report.building'), name],
      rows: top.map((i) => [nameOf(i), formatNumber(locale, values[i] as number, 2)]),
    });
  }
  return tables;
}

function runTables(locale: Locale, result: ScenarioResult) {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const provenance = result.provenance;
  const hash = result.inputHash ?? provenance?.inputHash;
  const rows: string[][] = [];
  if (hash) rows.push([t('report.inputHash'), hash]);
  if (provenance?.model)
    rows.push([
      t('report.software'),
      `${provenance.model.software ?? 'tweeling'} ${provenance.model.version ?? ''}`.trim(),
    ]);
  if (provenance?.startedAt) {
    const started = new Date(provenance.startedAt);
    if (!Number.isNaN(started.getTime()))
      rows.push([t('report.ranAt'), formatDate(locale, started)]);
  }
  rows.push([t('report.runTime'), `${formatNumber(locale, result.elapsedMs / 1000, 2)} s`]);
  const run: ReportTable = { caption: t('report.run'), head: [], rows };
  const sources = provenance?.sources?.length
    ? {
        caption: t('report.sources'),
        head: [t('report.role'), t('report.source'), t('report.url'), t('report.contentHash')],
        rows: provenance.sources.map((s) => [
          s.role,
          s.id,
          s.url ?? t('report.inline'),
          s.contentHash ?? '–',
        ]),
      }
    : undefined;
  return { run, sources };
}

/**
 * The report of `scenario` (which must have a result) in `twin`'s language.
 * @throws Error when the scenario has no result yet.
 */
export function scenarioReportContent(
  twin: TwinController,
  scenario: DtScenario,
  options: ReportContentOptions = {},
): ScenarioReport {
  const result = scenario.result;
  if (!result) throw new Error(`scenario "${scenario.id}" has no result yet`);
  const locale = twin.locale;
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const id = scenario.id || scenario.type;
  const file = modelCardFile(result.model);
  const base = options.modelCardBase ?? DEFAULT_MODEL_CARD_BASE;
  const href = new URL(file, new URL(base, document.baseURI)).href;
  // Parameters the run left unset (null: another mode's, or no override) are not listed.
  const parameters = Object.entries(result.parameters)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => [key, parameterText(value)]);
  const { run, sources } = runTables(locale, result);
  const attribution = twinAttribution(twin);
  return {
    lang: locale,
    title: t('report.title', { id }),
    made: t('report.made', { date: formatDate(locale, options.now ?? new Date()) }),
    model: {
      name: result.model,
      label: t('report.model'),
      card: { href, text: t('report.modelCard', { file: `docs/models/${file}` }) },
    },
    headings: {
      parameters: t('report.parameters'),
      map: t('report.map'),
      legend: t('report.legend'),
      statistics: t('report.statistics'),
      run: t('report.run'),
      measurements: t('report.measurements'),
    },
    parameters: {
      caption: t('report.parameters'),
      head: [t('report.parameter'), t('report.value')],
      rows: [['type', scenario.type], ...parameters],
    },
    image: options.image,
    legends: twinLegends(twin),
    statistics: statisticsTable(locale, result),
    buildings: buildingTables(locale, scenario, result),
    run,
    sources,
    measurements: twinMeasurements(twin).map((m) => measurementText(locale, m)),
    attribution: attribution ? t('report.attribution', { text: attribution }) : '',
  };
}
