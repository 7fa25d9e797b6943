/**
 * Writing a twin as a context document: the scene (layers with media type, href, draw order and
 * visibility; the camera of the current view; the time) and the `tweeling` extension (every data
 * source, layer and scenario element with its attributes, the greenery edits, the data's bounding
 * box, the CRS of each source, the compare state). URLs are absolute and without credentials or
 * secret query parameters; attributes whose names look like secrets are left out.
 */
import { viewToCamera } from '../../core/share/camera.js';
import {
  CONTEXT_DOCUMENT_TYPE,
  CONTEXT_DOCUMENT_VERSION,
  CONTEXT_SCHEMA_ID,
  INLINE_HREF_PREFIX,
  mediaTypeOf,
  SCENARIO_HREF_PREFIX,
  SCENARIO_MEDIA_TYPE,
  type ContextDocument,
  type ElementSpec,
  type SceneLayer,
  type ScenarioSpec,
} from '../../core/share/context-document.js';
import { snapEdit } from '../../core/share/edit-snap.js';
import { isSecretName, withoutSecrets } from '../../core/share/secrets.js';
import { transformer } from '../../core/raster/crs.js';
import { gridBounds } from '../../core/raster/grid.js';
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';
import { SDK_VERSION } from '../../core/store/sdk-version.js';
import { DELFT_ATTRIBUTION } from '../../core/style/basemap.js';
import { DtDataSourceElement } from '../base/dt-data-source-element.js';
import { DtScenarioElement } from '../base/dt-scenario-element.js';
import type { EditElement } from '../scenario/scenario-edits.js';
import {
  compareStateOf,
  layerElementsOf,
  mapElementOf,
  sharedPlanName,
  type ShareHost,
} from './twin-state.js';

/** What the page may say about the document. */
export interface ContextExportOptions {
  /** Title (default: the page's title, else "Tweeling twin"). */
  title?: string;
  /** Description (default: empty). */
  description?: string;
  /** Licence of the document, an SPDX identifier or URL (default: `unspecified`). */
  license?: string;
}

/** A context document names the CSS-pixel height of the map it was made on (the camera depends on it). */
const DEFAULT_HEIGHT_PX = 600;

/** The element's attributes worth keeping: no `aria-*`, no secrets; `src` absolute and clean. */
function attributesOf(element: Element, leaveOut: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of element.attributes) {
    if (leaveOut.includes(name) || name.startsWith('aria-') || isSecretName(name)) continue;
    out[name] = name === 'src' ? withoutSecrets(new URL(value, element.baseURI).href) : value;
  }
  return out;
}

/** A data source or scenario as an element spec, with its inline data if it has some. */
function sourceSpec(source: DtDataSourceElement): ElementSpec {
  const spec: ElementSpec = { tag: source.localName, attributes: attributesOf(source) };
  const script = source.querySelector(':scope > script[type]');
  if (script)
    spec.inline = { type: script.getAttribute('type') ?? '', text: script.textContent ?? '' };
  return spec;
}

/** The edits of `<dt-edit>` elements, snapped as a run uses them. */
function editsOfElements(elements: Element[]): GreeneryEdit[] {
  return elements
    .map((element) => (element as Partial<EditElement>).toEdit?.())
    .filter((edit): edit is GreeneryEdit => edit !== undefined)
    .map(snapEdit);
}

/** Extent of the sources' data in WGS 84: feature boxes, and raster bounds transformed. */
function dataBBox(sources: DtDataSourceElement[]): [number, number, number, number] | undefined {
  let box: [number, number, number, number] | undefined;
  const add = (lon: number, lat: number) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    box = box
      ? [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)]
      : [lon, lat, lon, lat];
  };
  for (const source of sources) {
    for (const b of source.featureBBoxes) {
      if (!b) continue;
      add(b[0], b[1]);
      add(b[2], b[3]);
    }
    for (const grid of Object.values(source.bands)) {
      const [x0, y0, x1, y1] = gridBounds(grid);
      const toLonLat = transformer(grid.crs, 'EPSG:4326');
      for (const [x, y] of [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ] as const)
        add(...toLonLat(x, y));
    }
  }
  return box;
}

/** The twin as a context document. */
export function exportContextDocument(
  twin: ShareHost,
  options: ContextExportOptions = {},
): ContextDocument {
  const all = [...twin.querySelectorAll('*'), ...(twin.shadowRoot?.querySelectorAll('*') ?? [])];
  const sources = all.filter(
    (e): e is DtDataSourceElement =>
      e instanceof DtDataSourceElement && !(e instanceof DtScenarioElement) && e.id !== '',
  );
  // Elements without an id cannot be named by a layer or scenario: they are left out.
  const scenarios = all.filter(
    (e): e is DtScenarioElement => e instanceof DtScenarioElement && e.id !== '',
  );
  const byId = new Map<string, DtDataSourceElement>(
    [...sources, ...scenarios].map((s) => [s.id, s]),
  );
  const layerElements = layerElementsOf(twin);
  const sceneLayers: SceneLayer[] = layerElements.map((layer, index) => {
    const source = byId.get(layer.source ?? '');
    const src = source?.getAttribute('src');
    const isScenario = source instanceof DtScenarioElement;
    return {
      title: layer.displayName,
      type: isScenario
        ? SCENARIO_MEDIA_TYPE
        : mediaTypeOf(source?.getAttribute('type') ?? 'geojson'),
      href: isScenario
        ? `${SCENARIO_HREF_PREFIX}${source.id}`
        : src
          ? withoutSecrets(new URL(src, source?.baseURI ?? twin.baseURI).href)
          : `${INLINE_HREF_PREFIX}${layer.source ?? ''}`,
      index,
      visible: layer.visible,
    };
  });
  const map = mapElementOf(twin);
  const height = map?.map?.getContainer().clientHeight || DEFAULT_HEIGHT_PX;
  const now = new Date().toISOString();
  const scenarioSpecs: ScenarioSpec[] = scenarios.map((scenario) => {
    const spec: ScenarioSpec = sourceSpec(scenario);
    const edits = editsOfElements([...scenario.querySelectorAll('dt-edit')]);
    if (edits.length > 0) spec.edits = edits;
    const hash = (scenario as { result?: { inputHash?: string } }).result?.inputHash;
    if (hash) spec.inputHash = hash;
    return spec;
  });
  const twinEdits = editsOfElements(
    [...twin.querySelectorAll('dt-edit')].filter((e) => e.closest('dt-scenario') === null),
  );
  const credits = sources.map((s) => s.getAttribute('attribution'));
  // The shipped Delft data (and the offline basemap drawn from it) carry their own credit.
  const basemap = twin.getAttribute('basemap');
  const shipped = sources.some((s) => /\/data\/delft\//.test(s.getAttribute('src') ?? ''));
  if (shipped || basemap === null || basemap === 'offline') credits.push(DELFT_ATTRIBUTION);
  const attribution = [...new Set(credits.filter(Boolean))];
  const compare = twin.querySelector('dt-compare') ?? twin.shadowRoot?.querySelector('dt-compare');
  const page = new URL(location.href);
  const bbox = dataBBox(sources);
  return {
    type: CONTEXT_DOCUMENT_TYPE,
    id: `urn:uuid:${crypto.randomUUID()}`,
    title: options.title ?? (document.title || 'Tweeling twin'),
    description: options.description ?? '',
    attribution: attribution.join(' · '),
    version: CONTEXT_DOCUMENT_VERSION,
    license: options.license ?? 'unspecified',
    links: [
      { rel: 'describedby', href: CONTEXT_SCHEMA_ID, type: 'application/schema+json' },
      { rel: 'via', href: `${page.origin}${page.pathname}`, type: 'text/html' },
    ],
    scene: {
      time: { current: now, start: now },
      layers: sceneLayers,
      cameras: map ? [viewToCamera(map.view, height)] : [],
    },
    tweeling: {
      version: SDK_VERSION,
      sources: sources.map(sourceSpec),
      layers: layerElements.map((layer) => ({
        tag: layer.localName,
        attributes: attributesOf(layer, ['visible']),
      })),
      scenarios: scenarioSpecs,
      edits: { type: 'FeatureCollection', features: twinEdits },
      plan: sharedPlanName(twin),
      ...(bbox ? { bbox } : {}),
      sourceCrs: Object.fromEntries(
        sources.map((s) => [s.id, Object.values(s.bands)[0]?.crs ?? 'EPSG:4326']),
      ),
      compare: compare ? compareStateOf(compare) : null,
    },
  };
}
