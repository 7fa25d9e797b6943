/**
 * The printable scenario report, without DOM: its content as plain data (headings, tables, lines
 * of text, an image), the print stylesheet, and the pieces that need no page (the model card of a
 * model, parameter values as text, the buildings to list). `src/components/report/` fills it from a
 * scenario and writes it as an HTML document with DOM APIs (text is never parsed as HTML).
 */

/** A table of the report: every cell is plain text. */
export interface ReportTable {
  /** The caption (also the table's accessible name). */
  caption: string;
  /** Column headings. */
  head: string[];
  /** Rows; the first cell of each row is a row heading. */
  rows: string[][];
}

/** A legend of the map: a caption and colour rows. */
export interface ReportLegend {
  title: string;
  rows: { color: string; label: string }[];
}

/** Everything a scenario report shows, as text in the report's language. */
export interface ScenarioReport {
  /** `nl` or `en`: the document's `lang`. */
  lang: string;
  /** The title ("Scenario report: kanalen"). */
  title: string;
  /** "Made on 29 November 2026, 14:05". */
  made: string;
  /** The model's name and a link to its model card. */
  model: { name: string; label: string; card?: { href: string; text: string } | undefined };
  /** The section headings, in the report's language. */
  headings: Record<'parameters' | 'map' | 'legend' | 'statistics' | 'run' | 'measurements', string>;
  /** The parameters the run used. */
  parameters: ReportTable;
  /** The map image (a PNG data URL) and its text alternative, or why there is none. */
  image?: { src: string; alt: string; width: number; height: number } | { failure: string };
  /** The visible layers' legends. */
  legends: ReportLegend[];
  /** The statistics (with a baseline: before, with the plan, change). */
  statistics: ReportTable;
  /** Flooded buildings, or per-building values: the top rows of each. */
  buildings: ReportTable[];
  /** The run: input hash, software, when it ran, how long it took (when the result has provenance). */
  run?: ReportTable | undefined;
  /** The data sources of the run, with addresses and content hashes (from provenance). */
  sources?: ReportTable | undefined;
  /** The current measurements, one line each. */
  measurements: string[];
  /** The attribution of the data shown. */
  attribution: string;
}

/** The model cards shipped in docs/models/, by result model name. */
const MODEL_CARDS: Record<string, string> = {
  'flood-level': 'flood-bathtub.md',
  'flood-breach': 'flood-inertial.md',
  rain: 'rain.md',
  'heat-invest': 'heat-invest.md',
  'heat-pet': 'shade-and-pet.md',
  shadow: 'shade-and-pet.md',
  'green-3-30-300': 'rule-3-30-300.md',
};

/** The model card file of a model (`flood-level` → `flood-bathtub.md`; a supplier's `<model>.md`). */
export function modelCardFile(model: string): string {
  return MODEL_CARDS[model] ?? `${model.replace(/[^\w.-]+/g, '-')}.md`;
}

/** A parameter's value as text: numbers as given, JSON for arrays and objects (cut at `maxLength`). */
export function parameterText(value: unknown, maxLength = 300): string {
  if (value === null || value === undefined || value === '') return '–';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * The indices of the `count` largest finite values, largest first (ties by index): the buildings a
 * report lists.
 */
export function topIndices(values: ArrayLike<number>, count: number): number[] {
  const indices: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) indices.push(i);
  indices.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  return indices.slice(0, count);
}

/** The stylesheet of the report: readable on screen, and on paper with `@media print`. */
export const REPORT_STYLES = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #ccc; padding-bottom: 0.15rem; }
p.meta { color: #595959; margin: 0.15rem 0; }
a { color: #1a56c4; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; overflow-wrap: anywhere; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.5rem 0 1rem; }
figure img { max-width: 100%; height: auto; border: 1px solid #ccc; }
.legend ul { list-style: none; padding: 0; margin: 0.25rem 0 0.75rem; }
.legend li { display: flex; align-items: center; gap: 0.4rem; }
.swatch { display: inline-block; width: 1em; height: 1em; border: 1px solid #767676; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
code { font-family: ui-monospace, monospace; font-size: 0.95em; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, figure, .legend { break-inside: avoid; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
}
`;
