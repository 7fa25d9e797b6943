/**
 * Writes a {@link ScenarioReport} as a standalone HTML document with DOM APIs: every piece of text
 * goes in as a text node (never parsed as HTML), the stylesheet is the report's own, and there is
 * no script. The result prints on A4 (`@media print`) and can be saved as one `.html` file (the map
 * image is embedded as a data URL).
 */
import {
  REPORT_STYLES,
  type ReportTable,
  type ScenarioReport,
} from '../../core/export/report-html.js';

type Child = Node | string | null | undefined | false;

/** An element of `doc` with attributes and children (strings become text nodes). */
function element(
  doc: Document,
  tag: string,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElement {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

/** Whether a cell holds a number with an optional unit ("1,234.5 m²", "+0.4 °C"): right-aligned. */
const NUMERIC = /^[+−-]?\d[\d.,\u00a0\u202f]*(?:\s?[^\d\s]{1,6}){0,2}$/;

/** A table; `captionHidden` when a heading right above already says what the caption says. */
function table(doc: Document, data: ReportTable, captionHidden = false): HTMLElement {
  const head =
    data.head.length > 0
      ? element(
          doc,
          'thead',
          {},
          element(doc, 'tr', {}, ...data.head.map((h) => element(doc, 'th', { scope: 'col' }, h))),
        )
      : null;
  const body = element(
    doc,
    'tbody',
    {},
    ...data.rows.map((row) =>
      element(
        doc,
        'tr',
        {},
        ...row.map((cell, i) =>
          i === 0
            ? element(doc, 'th', { scope: 'row' }, cell)
            : element(doc, 'td', NUMERIC.test(cell) ? { class: 'number' } : {}, cell),
        ),
      ),
    ),
  );
  const caption = element(
    doc,
    'caption',
    captionHidden ? { class: 'visually-hidden' } : {},
    data.caption,
  );
  return element(doc, 'table', {}, caption, head, body);
}

function section(doc: Document, heading: string, ...children: Child[]): HTMLElement {
  return element(doc, 'section', {}, element(doc, 'h2', {}, heading), ...children);
}

/** The report as a Document of its own (not attached to any window). */
export function reportDocument(report: ScenarioReport): Document {
  const doc = document.implementation.createHTMLDocument(report.title);
  doc.documentElement.lang = report.lang;
  const meta = doc.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  doc.head.prepend(meta);
  doc.head.append(
    element(doc, 'meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    element(doc, 'meta', { name: 'generator', content: 'Tweeling' }),
    element(doc, 'style', {}, REPORT_STYLES),
  );
  const image = report.image;
  const card = report.model.card;
  const main = element(
    doc,
    'main',
    {},
    element(doc, 'h1', {}, report.title),
    element(doc, 'p', { class: 'meta' }, report.made),
    element(
      doc,
      'p',
      { class: 'meta' },
      `${report.model.label}: `,
      element(doc, 'code', {}, report.model.name),
      card ? ' · ' : null,
      card ? element(doc, 'a', { href: card.href }, card.text) : null,
    ),
    section(doc, report.headings.parameters, table(doc, report.parameters, true)),
    section(
      doc,
      report.headings.map,
      image && 'src' in image
        ? element(
            doc,
            'figure',
            {},
            element(doc, 'img', {
              src: image.src,
              alt: image.alt,
              width: String(image.width),
              height: String(image.height),
            }),
          )
        : element(doc, 'p', {}, image?.failure ?? '–'),
      report.attribution ? element(doc, 'p', { class: 'meta' }, report.attribution) : null,
    ),
    report.legends.length > 0
      ? section(
          doc,
          report.headings.legend,
          ...report.legends.map((legend) =>
            element(
              doc,
              'div',
              { class: 'legend' },
              element(doc, 'h3', {}, legend.title),
              element(
                doc,
                'ul',
                {},
                ...legend.rows.map((row) => {
                  const swatch = element(doc, 'span', { class: 'swatch', 'aria-hidden': 'true' });
                  swatch.style.background = row.color;
                  return element(doc, 'li', {}, swatch, row.label);
                }),
              ),
            ),
          ),
        )
      : null,
    section(
      doc,
      report.headings.statistics,
      table(doc, report.statistics, true),
      ...report.buildings.map((b) => table(doc, b)),
    ),
    report.measurements.length > 0
      ? section(
          doc,
          report.headings.measurements,
          element(doc, 'ul', {}, ...report.measurements.map((m) => element(doc, 'li', {}, m))),
        )
      : null,
    report.run
      ? section(
          doc,
          report.headings.run,
          table(doc, report.run, true),
          report.sources ? table(doc, report.sources) : null,
        )
      : null,
  );
  doc.body.append(main);
  return doc;
}

/** The report as the text of an HTML file. */
export function reportHtml(report: ScenarioReport): string {
  return `<!doctype html>\n${reportDocument(report).documentElement.outerHTML}\n`;
}
