/**
 * Reading a context document: checks it against the JSON Schema (ajv code generated ahead of time,
 * so no `eval` under a strict Content-Security-Policy) and then the rules a schema cannot express,
 * and turns it into what to build. Reads the full form (with or without the `tweeling` extension)
 * and the simpler Esri testbed form `{ view: { heading, tilt, position }, time, layers }`. Throws a
 * {@link DtShareError} naming the first problems; nothing is built from a document that fails.
 */
import { editProblem, type GreeneryEdit } from '../sim/greenery-edits.js';
import { CRS84, type ContextCamera } from './camera.js';
import {
  CONTEXT_DOCUMENT_TYPE,
  sourceTypeOf,
  type ContextDocument,
  type ElementSpec,
  type ScenarioSpec,
} from './context-document.js';
import { validate, type GeneratedValidatorError } from './context-validator.generated.js';
import { DtShareError } from './share-error.js';
import type { CompareState } from './share-state.js';

/** What a context document asks to build. */
export interface ContextImport {
  /** Which form it was in. */
  form: 'context-document' | 'esri';
  /** The camera to show, in CRS84, or undefined when the document has none. */
  camera: ContextCamera | undefined;
  /** Data sources to create. */
  sources: ElementSpec[];
  /** Scenarios to create. */
  scenarios: ScenarioSpec[];
  /** Layer elements to create, in draw order (visibility in their `visible` attribute). */
  layers: ElementSpec[];
  /** The twin's greenery edits. */
  edits: GreeneryEdit[];
  /** The compare state (null: none; undefined: the document does not say). */
  compare: CompareState | null | undefined;
  /** Scene layers left out: data Tweeling cannot draw (3D Tiles, glTF, ...). */
  skipped: { index: number; title: string; type: string }[];
}

/** CRS names that mean CRS84 (longitude, latitude in WGS 84). */
const CRS84_NAMES = new Set([
  CRS84,
  `${CRS84}h`,
  'http://www.opengis.net/def/crs/OGC/0/CRS84h',
  'urn:ogc:def:crs:OGC:1.3:CRS84',
  'CRS84',
  'CRS84h',
  'EPSG:4326',
  'EPSG:4979',
]);

const invalid = (reason: string, path = '', cause?: unknown): never => {
  throw new DtShareError('context-document', 'invalid-document', reason, { path, cause });
};

/** ajv's error in words, with the JSON Pointer of the value. */
function describe(error: GeneratedValidatorError): string {
  const { keyword, params, instancePath } = error;
  if (keyword === 'required')
    return `${instancePath}/${String(params['missingProperty'])}: is required`;
  if (keyword === 'const')
    return `${instancePath}: must be ${JSON.stringify(params['allowedValue'])}`;
  if (keyword === 'enum' && Array.isArray(params['allowedValues']))
    return `${instancePath}: must be one of ${params['allowedValues'].join(', ')}`;
  if (keyword === 'propertyNames')
    return `${instancePath}: has an attribute name that is not allowed`;
  return `${instancePath || '(document)'}: ${error.message ?? keyword}`;
}

/** Checks the document against the schema. */
function checkSchema(json: unknown): void {
  if (validate(json)) return;
  // `if`, `anyOf` and `allOf` only say a branch failed; the other errors carry the reasons.
  const errors = (validate.errors ?? []).filter(
    (e) => !['if', 'anyOf', 'allOf'].includes(e.keyword),
  );
  const reasons = [...new Set(errors.map(describe))];
  const first = errors[0];
  const shown = reasons.slice(0, 3).join('; ');
  const more = reasons.length > 3 ? ` (and ${reasons.length - 3} more)` : '';
  throw new DtShareError(
    'context-document',
    'invalid-document',
    `does not follow the schema: ${shown}${more}`,
    {
      path: first?.instancePath ?? '',
    },
  );
}

function checkCamera(camera: ContextCamera, path: string): ContextCamera {
  const crs = camera.crs ?? CRS84;
  if (!CRS84_NAMES.has(crs))
    throw new DtShareError(
      'context-document',
      'unsupported',
      `CRS "${crs}" is not CRS84: give the position in CRS84`,
      {
        path: `${path}/crs`,
      },
    );
  return {
    heading: camera.heading,
    tilt: camera.tilt,
    position: { ...camera.position },
    crs: CRS84,
  };
}

function checkEdits(edits: readonly unknown[], path: string): GreeneryEdit[] {
  edits.forEach((edit, i) => {
    const problem = editProblem(edit);
    if (problem) invalid(problem, `${path}/${i}`);
  });
  return edits as GreeneryEdit[];
}

/** The rules of the `tweeling` extension a schema cannot express; returns what to build. */
function readExtension(doc: ContextDocument): ContextImport {
  const ext = doc.tweeling;
  if (!ext) return invalid('has no tweeling extension', '/tweeling');
  const scene = doc.scene;
  if (ext.layers.length !== scene.layers.length)
    invalid(
      `has ${ext.layers.length} layer elements for ${scene.layers.length} scene layers`,
      '/tweeling/layers',
    );
  const ids = new Map<string, string>();
  const register = (spec: ElementSpec, path: string) => {
    const id = spec.attributes['id'];
    if (!id) invalid('needs an "id" attribute', `${path}/attributes`);
    if (ids.has(id as string))
      invalid(
        `id "${id}" is used twice (also at ${ids.get(id as string)})`,
        `${path}/attributes/id`,
      );
    ids.set(id as string, path);
  };
  ext.sources.forEach((spec, i) => register(spec, `/tweeling/sources/${i}`));
  ext.scenarios.forEach((spec, i) => register(spec, `/tweeling/scenarios/${i}`));
  ext.scenarios.forEach((spec, i) => {
    for (const role of ['dem', 'dsm', 'landcover', 'buildings']) {
      const name = spec.attributes[role];
      if (name && !ids.has(name))
        invalid(
          `${role}="${name}" names no source of the document`,
          `/tweeling/scenarios/${i}/attributes/${role}`,
        );
    }
    checkEdits(spec.edits ?? [], `/tweeling/scenarios/${i}/edits`);
  });
  ext.layers.forEach((spec, i) => {
    const source = spec.attributes['source'];
    if (source && !ids.has(source))
      invalid(
        `source="${source}" names no source or scenario of the document`,
        `/tweeling/layers/${i}/attributes/source`,
      );
  });
  const edits = checkEdits(ext.edits.features, '/tweeling/edits/features');
  // Draw order and visibility come from the scene layers (a viewer may have changed them).
  const layers = ext.layers
    .map((spec, i) => {
      const sceneLayer = scene.layers[i];
      const attributes = { ...spec.attributes };
      if (sceneLayer?.visible === false) attributes['visible'] = 'false';
      else delete attributes['visible'];
      return { spec: { ...spec, attributes }, index: sceneLayer?.index ?? i };
    })
    .sort((a, b) => a.index - b.index)
    .map((entry) => entry.spec);
  return {
    form: 'context-document',
    camera: scene.cameras[0] ? checkCamera(scene.cameras[0], '/scene/cameras/0') : undefined,
    sources: ext.sources,
    scenarios: ext.scenarios,
    layers,
    edits,
    compare: ext.compare === undefined ? undefined : ext.compare,
    skipped: [],
  };
}

/** Sources and layers from plain scene layers: GeoJSON and GeoTIFF; other kinds are skipped. */
function fromSceneLayers(
  layers: { title?: string; type: string; href: string; index?: number; visible?: boolean }[],
): Pick<ContextImport, 'sources' | 'layers' | 'skipped'> {
  const out: Pick<ContextImport, 'sources' | 'layers' | 'skipped'> = {
    sources: [],
    layers: [],
    skipped: [],
  };
  layers
    .map((layer, i) => ({ layer, index: layer.index ?? i }))
    .sort((a, b) => a.index - b.index)
    .forEach(({ layer, index }) => {
      const kind = layer.href.startsWith('#') ? undefined : sourceTypeOf(layer.type);
      if (!kind) {
        out.skipped.push({ index, title: layer.title ?? '', type: layer.type });
        return;
      }
      const id = `layer-${index}`;
      out.sources.push({ tag: 'dt-data-source', attributes: { id, type: kind, src: layer.href } });
      const attributes: Record<string, string> = {
        source: id,
        type: kind === 'geotiff' ? 'raster' : 'fill',
      };
      if (layer.title) attributes['label'] = layer.title;
      if (layer.visible === false) attributes['visible'] = 'false';
      out.layers.push({ tag: 'dt-layer', attributes });
    });
  return out;
}

/** Web Mercator metres (EPSG:3857) to degrees. */
function mercatorToLonLat(x: number, y: number): [number, number] {
  const r = 6378137;
  return [
    (x / r) * (180 / Math.PI),
    (2 * Math.atan(Math.exp(y / r)) - Math.PI / 2) * (180 / Math.PI),
  ];
}

interface EsriForm {
  view: {
    heading: number;
    tilt: number;
    position:
      | { lat: number; lon: number; z: number }
      | { x: number; y: number; z: number; spatialReference?: { wkid?: number } };
  };
  layers?: { title?: string; type: string; href?: string; url?: string; visible?: boolean }[];
}

function readEsri(doc: EsriForm): ContextImport {
  const p = doc.view.position;
  let lon: number;
  let lat: number;
  if ('lat' in p) [lon, lat] = [p.lon, p.lat];
  else if ((p.spatialReference?.wkid ?? 4326) === 4326) [lon, lat] = [p.x, p.y];
  else [lon, lat] = mercatorToLonLat(p.x, p.y);
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180))
    invalid('the position is outside the world', '/view/position');
  const layers = (doc.layers ?? []).map((layer) => ({
    ...layer,
    href: layer.href ?? layer.url ?? '',
    type: /geojson/i.test(layer.type) ? 'application/geo+json' : layer.type,
  }));
  return {
    form: 'esri',
    camera: {
      heading: doc.view.heading,
      tilt: doc.view.tilt,
      position: { lat, lon, z: p.z },
      crs: CRS84,
    },
    scenarios: [],
    edits: [],
    compare: undefined,
    ...fromSceneLayers(layers),
  };
}

/**
 * Reads a context document (parsed JSON, or its text).
 * @throws DtShareError (origin `context-document`): code `invalid-document` for a document that does
 * not follow the schema or whose parts do not fit together, `unsupported` for a CRS other than CRS84.
 */
export function readContextDocument(input: unknown): ContextImport {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (cause) {
      invalid('is not JSON', '', cause);
    }
  }
  checkSchema(json);
  const doc = json as { type?: unknown };
  if (doc.type === undefined) return readEsri(json as EsriForm);
  if (doc.type !== CONTEXT_DOCUMENT_TYPE)
    invalid(`type must be "${CONTEXT_DOCUMENT_TYPE}"`, '/type');
  const context = json as ContextDocument;
  if (context.tweeling) return readExtension(context);
  return {
    form: 'context-document',
    camera: context.scene.cameras[0]
      ? checkCamera(context.scene.cameras[0], '/scene/cameras/0')
      : undefined,
    scenarios: [],
    edits: [],
    compare: undefined,
    ...fromSceneLayers(context.scene.layers),
  };
}
