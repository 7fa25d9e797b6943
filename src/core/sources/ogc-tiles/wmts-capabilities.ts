/**
 * Reads what a WMTS client needs from a GetCapabilities document (WMTS 1.0.0): the layers with their
 * formats, styles, linked tile matrix sets and REST templates; the tile matrix sets; the KVP
 * GetTile address.
 */
import type { LonLatBounds } from '../../tiles/tile-id.js';
import { isWebMercatorCrs, webMercatorZoomOf, type TileMatrix } from './web-mercator.js';
import { childAt, childrenNamed, hrefOf, numbersOf, textAt } from './xml.js';

/** A REST template of a layer (`ResourceURL`). */
export interface WmtsResourceUrl {
  /** The MIME type of the tiles. */
  format: string;
  /** `tile` for tiles (others: `FeatureInfo`). */
  resourceType: string;
  /** The template with `{TileMatrixSet}`, `{TileMatrix}`, `{TileRow}`, `{TileCol}`, `{Style}`. */
  template: string;
}

/** One layer of a WMTS. */
export interface WmtsLayerInfo {
  /** The identifier used in requests (`LAYER=`). */
  identifier: string;
  /** The human title. */
  title: string | undefined;
  /** Tile formats offered. */
  formats: string[];
  /** Style identifiers; the default one first. */
  styles: string[];
  /** Identifiers of the tile matrix sets the layer is tiled in. */
  matrixSets: string[];
  /** REST templates. */
  resourceUrls: WmtsResourceUrl[];
  /** Its lon/lat box (`WGS84BoundingBox`), if given. */
  bounds: LonLatBounds | undefined;
}

/** A tile matrix set. */
export interface WmtsMatrixSet {
  /** Its identifier (`GoogleMapsCompatible`, `EPSG:3857`, `EPSG:28992`, ...). */
  identifier: string;
  /** Its CRS as written (`urn:ogc:def:crs:EPSG::28992`, ...). */
  crs: string;
  /** Its levels. */
  matrices: TileMatrix[];
}

/** What a WMTS offers. */
export interface WmtsCapabilities {
  /** The layers. */
  layers: WmtsLayerInfo[];
  /** The tile matrix sets. */
  matrixSets: WmtsMatrixSet[];
  /** The KVP GetTile address, when the service offers KVP. */
  getTileKvpUrl: string | undefined;
}

/** Whether `doc` is a WMTS capabilities document. */
export function isWmtsCapabilities(doc: Document): boolean {
  return (
    doc.documentElement.localName === 'Capabilities' && !!childAt(doc.documentElement, 'Contents')
  );
}

function readMatrix(element: Element): TileMatrix {
  const [left = NaN, top = NaN] = numbersOf(textAt(element, 'TopLeftCorner'));
  return {
    identifier: textAt(element, 'Identifier') ?? '',
    scaleDenominator: Number(textAt(element, 'ScaleDenominator')),
    topLeft: [left, top],
    tileWidth: Number(textAt(element, 'TileWidth')),
    tileHeight: Number(textAt(element, 'TileHeight')),
    matrixWidth: Number(textAt(element, 'MatrixWidth')),
    matrixHeight: Number(textAt(element, 'MatrixHeight')),
  };
}

function readLayer(element: Element): WmtsLayerInfo {
  const styles = childrenNamed(element, 'Style');
  const isDefault = (s: Element): boolean => s.getAttribute('isDefault') === 'true';
  const box = childAt(element, 'WGS84BoundingBox');
  const [west = NaN, south = NaN] = numbersOf(textAt(box, 'LowerCorner'));
  const [east = NaN, north = NaN] = numbersOf(textAt(box, 'UpperCorner'));
  return {
    identifier: textAt(element, 'Identifier') ?? '',
    title: textAt(element, 'Title'),
    formats: childrenNamed(element, 'Format').map((f) => (f.textContent ?? '').trim()),
    styles: [...styles.filter(isDefault), ...styles.filter((s) => !isDefault(s))]
      .map((s) => textAt(s, 'Identifier') ?? '')
      .filter(Boolean),
    matrixSets: childrenNamed(element, 'TileMatrixSetLink')
      .map((link) => textAt(link, 'TileMatrixSet') ?? '')
      .filter(Boolean),
    resourceUrls: childrenNamed(element, 'ResourceURL').map((r) => ({
      format: r.getAttribute('format') ?? '',
      resourceType: r.getAttribute('resourceType') ?? '',
      template: r.getAttribute('template') ?? '',
    })),
    bounds: [west, south, east, north].every(Number.isFinite)
      ? { west, south, east, north }
      : undefined,
  };
}

function kvpGetTileUrl(root: Element): string | undefined {
  const operation = childrenNamed(childAt(root, 'OperationsMetadata'), 'Operation').find(
    (o) => o.getAttribute('name') === 'GetTile',
  );
  const gets = childrenNamed(childAt(operation, 'DCP', 'HTTP'), 'Get');
  // A Get without an encoding constraint allows KVP; one with a constraint must list it.
  const kvp = gets.find((get) => {
    const values = [...get.getElementsByTagName('*')].filter((e) => e.localName === 'Value');
    return values.length === 0 || values.some((v) => v.textContent?.trim() === 'KVP');
  });
  return hrefOf(kvp);
}

/** Reads a WMTS capabilities document (check {@link isWmtsCapabilities} first). */
export function readWmtsCapabilities(doc: Document): WmtsCapabilities {
  const root = doc.documentElement;
  const contents = childAt(root, 'Contents');
  return {
    layers: childrenNamed(contents, 'Layer').map(readLayer),
    matrixSets: childrenNamed(contents, 'TileMatrixSet').map((set) => ({
      identifier: textAt(set, 'Identifier') ?? '',
      crs: textAt(set, 'SupportedCRS') ?? '',
      matrices: childrenNamed(set, 'TileMatrix').map(readMatrix),
    })),
    getTileKvpUrl: kvpGetTileUrl(root),
  };
}

/**
 * The matrix identifier of each XYZ zoom level of a Web Mercator matrix set (those of its levels
 * that lie on the GoogleMapsCompatible grid); empty when the set is in another CRS.
 */
export function webMercatorMatrices(set: WmtsMatrixSet): Map<number, string> {
  const byZoom = new Map<number, string>();
  if (!isWebMercatorCrs(set.crs)) return byZoom;
  for (const matrix of set.matrices) {
    const z = webMercatorZoomOf(matrix);
    if (z !== undefined && !byZoom.has(z)) byZoom.set(z, matrix.identifier);
  }
  return byZoom;
}
