import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../src/define.js';
import type { DtMeasure } from '../../src/components/measure/dt-measure.js';
import {
  webMercatorLengthM,
  type Measurement,
} from '../../src/components/measure/measure-geometry.js';
import type { DtScenario } from '../../src/components/scenario/dt-scenario.js';
import { formatStat } from '../../src/components/scenario-panel/format-stat.js';
import { makeScenarioReport } from '../../src/components/report/scenario-report.js';
import { snapshotTwin, type TwinSnapshot } from '../../src/components/snapshot/twin-snapshot.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import type { DtExportError } from '../../src/core/export/export-error.js';
import { webMercatorMetresPerPixel, type Rect } from '../../src/core/export/png-snapshot.js';
import { valueAtBilinear, type Grid } from '../../src/core/raster/grid.js';
import type { ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { axeViolations } from '../helpers/axe.js';
import { mapOf } from '../helpers/twin.js';

const DATA = '/src/data/delft';
/** A small twin: every frame is drawn in software (SwiftShader), and a 2× image has 4× the pixels. */
const SMALL_TWIN = 'display:block;width:600px;--dt-twin-height:400px';
const VIEW = { center: [4.3668, 52.0118] as [number, number], zoom: 16.6, pitch: 55, bearing: 30 };

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

/** The RGBA pixels of a PNG. */
async function pixelsOf(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = must(canvas.getContext('2d', { willReadFrequently: true }), '2D context');
  ctx.drawImage(bitmap, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * width + Math.round(x)) * 4;
    return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
  };
  return { data, width, height, at };
}
type Pixels = Awaited<ReturnType<typeof pixelsOf>>;

/** A CSS colour as RGB, through a canvas. */
function rgbOf(color: string): number[] {
  const ctx = must(document.createElement('canvas').getContext('2d'), '2D context');
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

/** Standard deviation of the luminance: a blank or one-colour image has about 0. */
function spread(p: Pixels): number {
  let sum = 0;
  let sq = 0;
  const n = p.width * p.height;
  for (let i = 0; i < p.data.length; i += 4) {
    const l = 0.3 * (p.data[i] ?? 0) + 0.59 * (p.data[i + 1] ?? 0) + 0.11 * (p.data[i + 2] ?? 0);
    sum += l;
    sq += l * l;
  }
  return Math.sqrt(sq / n - (sum / n) ** 2);
}

/** Magenta roofs and walls (the deck.gl extrusions) outside `skip`: count and centre, relative to the image. */
function magenta(p: Pixels, skip: (Rect | undefined)[]) {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      if (skip.some((r) => r && x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height))
        continue;
      const i = (y * p.width + x) * 4;
      const [r, g, b] = [p.data[i] ?? 0, p.data[i + 1] ?? 0, p.data[i + 2] ?? 0];
      if (r > 80 && g < 12 && Math.abs(r - b) < 10) {
        n++;
        sx += x;
        sy += y;
      }
    }
  }
  return { n, x: sx / n / p.width, y: sy / n / p.height };
}

describe('image export, scenario report and measuring on the Delft canals', () => {
  const host = document.createElement('div');
  let twin: DtTwin;
  let scenario: DtScenario;
  let result: ScenarioResult;
  let measureTool: DtMeasure;
  let dem: Grid;

  before(async function () {
    this.timeout(120000);
    document.body.append(host);
    const started = performance.now();
    const done = new Promise<ScenarioResult>((resolve) =>
      document.addEventListener('dt-scenario-complete', (e) => resolve(e.detail.result), {
        once: true,
      }),
    );
    render(
      html`<dt-twin style=${SMALL_TWIN} lang="en">
        <dt-map
          center=${VIEW.center.join(',')}
          zoom=${VIEW.zoom}
          pitch=${VIEW.pitch}
          bearing=${VIEW.bearing}
        ></dt-map>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
        <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
        <dt-scenario
          id="kanalen"
          type="flood"
          dem="ahn"
          landcover="bgt"
          buildings="panden"
          flood-from="water"
          water-level="0.6"
        ></dt-scenario>
        <dt-layer
          source="kanalen"
          type="raster"
          band="depth"
          ramp="blues"
          domain="0,1.5"
        ></dt-layer>
        <dt-layer
          source="panden"
          type="extrusion"
          height="ahn3_h_dak_70p"
          base="ahn3_h_maaiveld"
          color="#ff00ff"
        ></dt-layer>
      </dt-twin>`,
      host,
    );
    twin = must(host.querySelector('dt-twin'), 'twin');
    scenario = must(twin.querySelector<DtScenario>('#kanalen'), 'scenario');
    await twin.updateComplete;
    result = await done;
    await mapOf(twin).ready;
    console.log(`twin and first run: ${Math.round(performance.now() - started)} ms`);
    dem = must(twin.controller.source('ahn')?.bands['value'], 'the DTM');
    measureTool = must(twin.shadowRoot?.querySelector('dt-measure'), 'the measuring tool');
    await measureTool.updateComplete;
  });

  after(() => host.remove());

  it('measures a 100 m × 50 m rectangle typed in RD New as 300 m and 5,000 m², in RD New not Web Mercator; heights from the DTM; a bad coordinate is a clear error', async () => {
    const [x0, dx, , y0, , dy] = dem.geotransform;
    const x = Math.round(x0 + (dem.width * dx) / 2);
    const y = Math.round(y0 + (dem.height * dy) / 2);
    const rectangle = `${x},${y}; ${x + 100},${y}; ${x + 100},${y + 50}; ${x},${y + 50}`;
    const area = must(measureTool.measureText(rectangle, 'area'), 'the area');
    expect(Math.abs((area.areaM2 ?? 0) / 5000 - 1)).to.be.below(0.005);
    expect(Math.abs((area.lengthM ?? 0) / 300 - 1)).to.be.below(0.005);

    const line = must(measureTool.measureText(`${x},${y}\n${x + 100},${y}`, 'distance'), 'line');
    expect(Math.abs((line.lengthM ?? 0) / 100 - 1)).to.be.below(0.005);
    // The same two points measured on the Web Mercator plane: 1 / cos(52°) ≈ 1.62 times too long.
    const naive = webMercatorLengthM(line.points) / (line.lengthM ?? 1);
    expect(naive).to.be.within(1.55, 1.7);

    const height = must(measureTool.measureText(`${x},${y}; ${x + 20},${y + 10}`, 'height'), 'h');
    const dtm = (px: number, py: number) => must(valueAtBilinear(dem, px, py), 'DTM value');
    const [a, b] = height.heights ?? [];
    expect(a?.rasters[0]?.sourceId).to.equal('ahn');
    expect(a?.heightM).to.be.closeTo(dtm(x, y), 0.02);
    expect(height.differenceM).to.be.closeTo(dtm(x + 20, y + 10) - dtm(x, y), 0.03);
    expect(b?.heightM).to.be.a('number');

    // A bad pair: a typed error event, a message, and nothing added.
    const before = measureTool.measurements.length;
    let error: DtExportError | undefined;
    measureTool.addEventListener('dt-measure-error', (e) => (error = e.detail.error), {
      once: true,
    });
    expect(measureTool.measureText(`${x},${y}; ${x + 100},abc`, 'distance')).to.equal(undefined);
    expect(error?.code).to.equal('invalid-coordinates');
    expect(error?.tool).to.equal('measure');
    expect(error?.message).to.contain('Pair 2');
    expect(measureTool.measurements.length).to.equal(before);
    await measureTool.updateComplete;
    const alert = must(measureTool.shadowRoot?.querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).to.contain('Pair 2');
    const items = [...(measureTool.shadowRoot?.querySelectorAll('ol li') ?? [])];
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' '))).to.have.length(3);
    expect(items[0]?.textContent).to.contain('5,000 m²');

    for (const tool of [measureTool, twin.shadowRoot?.querySelector('dt-snapshot')]) {
      const { lines } = await axeViolations(must(tool, 'a panel tool'));
      expect(lines, lines.join('\n')).to.deep.equal([]);
    }
  });

  it('exports the pitched view as a PNG at 2× the canvas size with legend, scale bar, measurements and the deck.gl layers in place; a flat view exports differently', async function () {
    this.timeout(120000);
    const canvas = must(mapOf(twin).map?.getCanvas(), 'canvas');
    // The pixel ratio changes for the 2× frame: not a move of the view for the page.
    let moves = 0;
    const onMove = () => moves++;
    twin.addEventListener('dt-view-change', onMove);
    const t0 = performance.now();
    const one = await snapshotTwin(twin.controller);
    const two = await snapshotTwin(twin.controller, { resolution: '2x' });
    console.log(`1x and 2x exports: ${Math.round(performance.now() - t0)} ms`);
    twin.removeEventListener('dt-view-change', onMove);
    expect(moves).to.equal(0);
    expect(canvas.width).to.equal(Math.round(canvas.clientWidth * devicePixelRatio));
    expect([one.width, one.height]).to.deep.equal([canvas.clientWidth, canvas.clientHeight]);
    expect([two.width, two.height]).to.deep.equal([
      canvas.clientWidth * 2,
      canvas.clientHeight * 2,
    ]);
    const p1 = await pixelsOf(one.blob);
    const p2 = await pixelsOf(two.blob);
    expect([p2.width, p2.height]).to.deep.equal([two.width, two.height]);
    expect(spread(p2)).to.be.above(20);

    // The legend is drawn with its colours: every swatch shows the colour of its legend row.
    const legendRect = must(two.layout.legend, 'legend box');
    expect(two.layout.swatches.length).to.be.at.least(3);
    for (const { rect, color } of two.layout.swatches) {
      const seen = p2.at(rect.x + rect.width / 2, rect.y + rect.height / 2);
      const want = rgbOf(color);
      expect(Math.max(...seen.map((v, i) => Math.abs(v - (want[i] ?? 0)))), color).to.be.below(4);
    }
    expect(must(two.layout.notes, 'measurements box').height).to.be.above(0);
    expect(must(two.layout.attribution, 'attribution').width).to.be.above(0);

    // deck.gl's extrusions are in the image, at the same place at 1× and 2× (not in a corner).
    const m1 = magenta(p1, [one.layout.legend, one.layout.notes]);
    const m2 = magenta(p2, [legendRect, two.layout.notes]);
    expect(m1.n).to.be.above(500);
    expect(m2.n / m1.n).to.be.within(3.3, 4.7);
    expect(Math.abs(m2.x - m1.x)).to.be.below(0.02);
    expect(Math.abs(m2.y - m1.y)).to.be.below(0.02);

    // The scale: metres per pixel at the centre, as MapLibre's Web Mercator scale at this latitude.
    const expected = webMercatorMetresPerPixel(VIEW.center[1], VIEW.zoom) / 2;
    expect(Math.abs(two.metresPerPixel / expected - 1)).to.be.below(0.02);

    // Flat: the same place seen straight down is another image.
    const map = must(mapOf(twin).map, 'map');
    map.jumpTo({ pitch: 0 });
    await mapOf(twin).rendered();
    const flat: TwinSnapshot = await snapshotTwin(twin.controller);
    const pf = await pixelsOf(flat.blob);
    let diff = 0;
    for (let i = 0; i < pf.data.length; i += 4)
      diff += Math.abs((pf.data[i] ?? 0) - (p1.data[i] ?? 0));
    expect(diff / (pf.width * pf.height)).to.be.above(10);
    expect(magenta(pf, [flat.layout.legend, flat.layout.notes]).n).to.not.equal(m1.n);
    map.jumpTo({ pitch: VIEW.pitch });
  });

  it('writes a report with the parameters, the statistics as formatted text, the flooded buildings, the measurements and the model card link', async function () {
    this.timeout(60000);
    const made = await makeScenarioReport(twin.controller, scenario);
    const doc = new DOMParser().parseFromString(made.html, 'text/html');
    const text = (doc.body.textContent ?? '').replace(/\s+/g, ' ');
    expect(doc.title).to.equal('Scenario report: kanalen');
    expect(doc.documentElement.lang).to.equal('en');
    expect(doc.querySelector('style')?.textContent).to.contain('@media print');
    expect(doc.querySelectorAll('script')).to.have.length(0);

    const cells = (selector: string) =>
      [...doc.querySelectorAll(selector)].map((c) => c.textContent?.trim());
    const parameterRow = [...doc.querySelectorAll('tr')].find(
      (tr) => tr.querySelector('th')?.textContent === 'waterLevel',
    );
    expect(parameterRow?.querySelector('td')?.textContent).to.equal('0.6');
    for (const stat of result.stats) expect(cells('td')).to.include(formatStat('en', stat));
    const flooded = result.buildings.filter((b) => b.flooded).length;
    if (flooded > 0)
      expect(text).to.contain(
        `Flooded buildings: the ${Math.min(flooded, 10)} deepest of ${flooded}`,
      );
    const areaText = measureTool.measurements.map((m: Measurement) => m.areaM2).find(Boolean);
    expect(areaText).to.be.a('number');
    expect(text).to.contain('Area 1: 5,000 m²');

    const card = must(
      doc.querySelector<HTMLAnchorElement>('a[href$="docs/models/flood-bathtub.md"]'),
      'model card link',
    );
    expect(card.textContent).to.contain('flood-bathtub.md');
    const image = must(doc.querySelector('img'), 'map image');
    expect(image.getAttribute('src')).to.match(/^data:image\/png;base64,/);
    expect(image.getAttribute('alt')).to.not.equal('');
    if (result.inputHash) expect(text).to.contain(result.inputHash);

    // The panel offers the report for this scenario.
    const panel = must(twin.shadowRoot?.querySelector('dt-scenario-panel'), 'scenario panel');
    await panel.updateComplete;
    const button = [...(panel.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => b.getAttribute('aria-label') === 'Report of kanalen (printable HTML)',
    );
    expect(button?.textContent?.trim()).to.equal('Report');
  });
});
