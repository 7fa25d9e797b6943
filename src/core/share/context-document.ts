/**
 * The context document: a whole twin as one JSON document that another viewer can reproduce,
 * after the Dutch draft "3D Context Document" (Geonovum testbeds): `type: "3dcontextdocument"`,
 * metadata (`id`, `title`, `description`, `attribution`, `version`, `license`, `links`) and a
 * `scene` with `time`, `layers` (title, media type, href, index, visible) and `cameras` (heading,
 * tilt, position in CRS84). What the draft has no field for yet sits in the extension block
 * `tweeling`: the elements (data sources, layers, scenarios with their attributes), the greenery
 * edits, the data's bounding box, the CRS of each source and the compare state. The JSON Schema is
 * docs/schemas/context-document.schema.json; reading and checking: context-read.ts.
 */
import type { GreeneryEdit } from '../sim/greenery-edits.js';
import type { ContextCamera } from './camera.js';
import type { CompareState } from './share-state.js';

/** The `type` of a context document. */
export const CONTEXT_DOCUMENT_TYPE = '3dcontextdocument';
/** The `$id` of the JSON Schema the documents follow. */
export const CONTEXT_SCHEMA_ID = 'https://tweeling.example/schema/context-document/1.0.json';
/** The version of the document form this SDK writes. */
export const CONTEXT_DOCUMENT_VERSION = '1.0';
/** A scene layer that draws a scenario's results points into the extension: `#tweeling/scenarios/<id>`. */
export const SCENARIO_HREF_PREFIX = '#tweeling/scenarios/';
/** A scene layer whose data is inline in the extension: `#tweeling/sources/<id>`. */
export const INLINE_HREF_PREFIX = '#tweeling/sources/';
/** The media type of a scenario's results (computed by the viewer, not fetched). */
export const SCENARIO_MEDIA_TYPE = 'application/vnd.tweeling.scenario+json';

/** One element of the twin, by tag and attributes. */
export interface ElementSpec {
  /** The tag name (`dt-data-source`, `dt-layer`, `dt-scenario`, or a supplier's). */
  tag: string;
  /** Its attributes by name (`id`, `type`, `src`, ...). */
  attributes: Record<string, string>;
  /** A data source's inline data: the type and text of its `<script>` child. */
  inline?: { type: string; text: string };
}

/** A scenario element, with the edits inside it and the hash of its last run. */
export interface ScenarioSpec extends ElementSpec {
  /** `<dt-edit>`s inside the scenario: they apply to it alone. */
  edits?: GreeneryEdit[];
  /** The short input hash of the run the document was written after. */
  inputHash?: string;
}

/** A layer of the scene. */
export interface SceneLayer {
  /** The layer's name. */
  title: string;
  /** The media type of its data: `application/geo+json`, `image/tiff; application=geotiff`, ... */
  type: string;
  /** Where the data is: an absolute URL, or `#tweeling/...` for results and inline data. */
  href: string;
  /** Draw order: 0 is drawn first, at the bottom. */
  index: number;
  /** Whether it is shown. */
  visible: boolean;
}

/** A link of the document. */
export interface ContextLink {
  /** The relation (`describedby`, `via`, `license`). */
  rel: string;
  /** The target. */
  href: string;
  /** Its media type. */
  type?: string;
  /** Its title. */
  title?: string;
}

/** The extension block `tweeling`. */
export interface TweelingExtension {
  /** The SDK version that wrote the document. */
  version: string;
  /** The data sources (not scenarios), in document order. */
  sources: ElementSpec[];
  /** The layer elements, one per scene layer and in the same order. */
  layers: ElementSpec[];
  /** The scenarios. */
  scenarios: ScenarioSpec[];
  /** The greenery edits of the twin (its plan and its own `<dt-edit>`s), WGS 84. */
  edits: { type: 'FeatureCollection'; features: GreeneryEdit[] };
  /** The name of the plan the edits came from. */
  plan?: string;
  /** Extent of the data, [west, south, east, north], WGS 84 degrees. */
  bbox?: [number, number, number, number];
  /** The CRS of each source's data, by source id. */
  sourceCrs?: Record<string, string>;
  /** The `<dt-compare>` element's mode and divider position, or null without one. */
  compare?: CompareState | null;
}

/** A context document. */
export interface ContextDocument {
  /** Always `3dcontextdocument`. */
  type: typeof CONTEXT_DOCUMENT_TYPE;
  /** Identifier (`urn:uuid:...`). */
  id: string;
  /** Title. */
  title: string;
  /** Description. */
  description: string;
  /** Credits of the data shown. */
  attribution: string;
  /** Version of the document form. */
  version: string;
  /** Licence of the document. */
  license: string;
  /** Links: the schema, the page it was made on. */
  links: ContextLink[];
  /** The scene. */
  scene: {
    /** The moment shown (`current`) and when the scene starts (`start`), ISO 8601. */
    time: { current: string; start: string };
    /** The layers, in draw order. */
    layers: SceneLayer[];
    /** The cameras; the first is the view. */
    cameras: ContextCamera[];
  };
  /** Tweeling's extension. */
  tweeling?: TweelingExtension;
}

/** Media types of the data-source kinds Tweeling reads. */
const MEDIA_TYPES: Record<string, string> = {
  geojson: 'application/geo+json',
  geotiff: 'image/tiff; application=geotiff',
};

/** The media type of a data source of this `type` (`application/vnd.tweeling.<type>` for a supplier's kind). */
export function mediaTypeOf(sourceType: string): string {
  return (
    MEDIA_TYPES[sourceType] ??
    `application/vnd.tweeling.${sourceType.replace(/[^a-z0-9.+-]/gi, '-')}`
  );
}

/**
 * The data-source kind of a media type: `geojson`, `geotiff`, or undefined for one Tweeling does
 * not draw (3D Tiles, glTF, ...).
 */
export function sourceTypeOf(mediaType: string): 'geojson' | 'geotiff' | undefined {
  const [essence = '', ...parameters] = mediaType
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  if (essence === 'application/geo+json' || essence === 'application/json') return 'geojson';
  if (essence === 'image/tiff' || essence === 'image/geotiff') {
    const application = parameters.find((p) => p.startsWith('application='));
    return !application || application === 'application=geotiff' ? 'geotiff' : undefined;
  }
  return undefined;
}
