import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { DtScenarioElement } from '../../src/components/base/dt-scenario-element.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { axeViolations } from '../helpers/axe.js';
import '../helpers/twin.js'; // registers the elements

/**
 * axe-core over the twins of every example page linked from the gallery (index.html), with every
 * panel open. The test runner serves the repository root, so each page's markup is fetched, and its
 * `<style>`s and `<dt-twin>`s are mounted here with the sources' own element definitions (imported
 * by the helper): what a page builds with its own scripts is not run.
 */

interface ExamplePage {
  url: string;
  doc: Document;
  /** Why the page cannot be mounted from its markup; undefined when it can. */
  skip: string | undefined;
}

async function readPage(url: string): Promise<Document> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new DOMParser().parseFromString(await response.text(), 'text/html');
}

function whySkip(doc: Document): string | undefined {
  if (doc.querySelector('script[src*="tweeling.iife"]'))
    return 'it loads the built single-file bundle from dist/ (covered by test/build/iife.test.mjs)';
  if (!doc.querySelector('body dt-twin'))
    return 'its twins are made by its own scripts (a framework example)';
  if (doc.querySelector('dt-data-source[src^="/geo/"]'))
    return 'it reads the MapServer / MapCache servers that `npm start` proxies under /geo/ (their kinds have their own tests)';
  if (doc.querySelector('dt-data-source[type="pointcloud"]'))
    return 'its 848,942 points take minutes per frame in SwiftShader (test/components/pointcloud.test.ts covers the layer)';
  return undefined;
}

const gallery = await readPage('/index.html');
const urls = [
  ...new Set(
    [...gallery.querySelectorAll<HTMLAnchorElement>('a[href^="/examples/"]')].map((a) =>
      a.getAttribute('href'),
    ),
  ),
].filter((url): url is string => url !== null);
const pages: ExamplePage[] = await Promise.all(
  urls.map(async (url) => {
    const doc = await readPage(url);
    return { url, doc, skip: whySkip(doc) };
  }),
);

/** Every element under `root`, inside open shadow roots too. */
function* deepElements(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

/** Mounts the page's styles and twins; resolves when their panels have content. */
async function mountPage(page: ExamplePage): Promise<{ container: HTMLElement; twins: DtTwin[] }> {
  const container = document.createElement('div');
  for (const style of page.doc.querySelectorAll('style')) container.append(style.cloneNode(true));
  for (const twin of page.doc.querySelectorAll('body dt-twin'))
    container.append(document.importNode(twin, true));
  document.body.append(container);
  const twins = [...container.querySelectorAll('dt-twin')];
  await Promise.all(
    twins.map(async (twin) => {
      await twin.updateComplete;
      await Promise.resolve(); // children register with the twin in the same task
      // Data sources must have loaded (the legend and lists show them); scenario runs may still be
      // going: the panel's progress state is checked then, which is a state users see as well.
      const sources = twin.controller.sources.filter((s) => !(s instanceof DtScenarioElement));
      await Promise.all(sources.map((s) => s.settled));
      // The features-in-view list needs the view's bounds, which the map sets just before its first
      // complete frame; that frame itself is not needed here.
      if (sources.length === twin.controller.sources.length) {
        await waitUntil(() => twin.controller.viewBounds, 'the view bounds', { timeout: 30000 });
      }
      twin.panelOpen = true;
      const layer = twin.controller.layers.find((l) => l.sourceElement?.data?.features.length);
      layer?.selectFeature(0);
    }),
  );
  await openEverything(twins);
  return { container, twins };
}

/** Opens every `<details>` in the panels and waits for the panels to render. */
async function openEverything(twins: DtTwin[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve)); // the twins' change events are coalesced
  for (const twin of twins) {
    for (const element of deepElements(twin.shadowRoot ?? twin)) {
      if (element instanceof HTMLDetailsElement) element.open = true;
      if ('updateComplete' in element) await (element as LitElement).updateComplete;
    }
  }
}

async function violations(page: ExamplePage, twins: DtTwin[]): Promise<string[]> {
  const lines: string[] = [];
  for (const [i, twin] of twins.entries()) {
    const { lines: found } = await axeViolations(twin);
    lines.push(...found.map((line) => `${page.url} twin ${i + 1}: ${line}`));
  }
  return lines;
}

describe('axe-core on the example pages, panels open', () => {
  it('finds the example pages in the gallery', () => {
    expect(pages.map((p) => p.url)).to.include.members([
      '/examples/default/',
      '/examples/compose/',
      '/examples/flood/',
      '/examples/theming/',
    ]);
  });

  for (const page of pages) {
    if (page.skip) {
      it.skip(`${page.url}: skipped, ${page.skip}`);
      continue;
    }
    it(`${page.url}: no violations`, async () => {
      const { container, twins } = await mountPage(page);
      try {
        expect(twins.length).to.be.greaterThan(0);
        const panels = twins.map((t) => t.shadowRoot?.querySelector('aside'));
        expect(panels.every((p) => p && !p.hidden)).to.equal(true);
        // Twins without scenarios (whose runs are not awaited) show their data: features in view
        // and the selected feature's table.
        for (const twin of twins) {
          // (Scenario runs are not awaited; vector tiles list their features as tiles stream in.)
          const streamed = (s: Element): boolean =>
            s instanceof DtScenarioElement || s.getAttribute('type') === 'vector-tiles';
          if (twin.controller.sources.some(streamed)) continue;
          const shadow = (tag: string) => twin.shadowRoot?.querySelector(tag)?.shadowRoot;
          expect(shadow('dt-feature-list')?.querySelectorAll('button').length).to.be.greaterThan(0);
          expect(shadow('dt-feature-info')?.querySelector('table')).to.not.equal(null);
        }
        expect(await violations(page, twins)).to.deep.equal([]);
        // A page with its own colours is checked in its dark version too.
        if (page.doc.querySelector('style')?.textContent?.includes('prefers-color-scheme: dark')) {
          await emulateMedia({ colorScheme: 'dark' });
          try {
            await waitUntil(() => matchMedia('(prefers-color-scheme: dark)').matches);
            expect(await violations(page, twins)).to.deep.equal([]);
          } finally {
            await emulateMedia({ colorScheme: 'light' });
          }
        }
      } finally {
        container.remove();
      }
    });
  }
});
