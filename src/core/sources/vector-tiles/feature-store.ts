import type { Feature, Geometry, Polygon, Position } from 'geojson';

/** One feature of the store: its pieces from the tiles of the deepest zoom seen so far. */
interface StoredFeature {
  /** The zoom of the tiles its pieces come from. */
  z: number;
  /** Geometry pieces by tile key (`z/x/y`). */
  pieces: Map<string, Geometry>;
  /** The feature as listed: properties of its first piece, geometry of all pieces. */
  feature: Feature;
}

/**
 * The features of the vector tiles loaded so far, one per feature however many tiles it spans:
 * what the search box, the feature list and the selection see of a tiled source.
 *
 * A feature is known by its layer plus its id: the attribute `idProperty` when given, else the MVT
 * feature id. A feature without either can't be matched across tiles: each tile's piece is listed
 * on its own. A feature that spans tiles comes back clipped in each; its listed geometry combines
 * the pieces of the deepest zoom seen (a `MultiPolygon` of the clipped parts, or the one piece), so
 * its bounding box covers the whole feature once its tiles have loaded. Pieces from shallower zooms
 * than those already held are
 * ignored; deeper ones replace them. The order of first arrival is kept, so an index stays valid.
 */
export class TileFeatureStore {
  readonly #byKey = new Map<string, StoredFeature>();
  readonly #order: string[] = [];
  #version = 0;

  /** @param idProperty the attribute that identifies a feature across tiles (default: the MVT id) */
  constructor(readonly idProperty?: string) {}

  /** Grows by one with every change: a cheap "has anything changed" for listeners. */
  get version(): number {
    return this.#version;
  }

  /** How many features the store holds. */
  get size(): number {
    return this.#order.length;
  }

  /** The key of a tile's feature (see the class comment): `layer:id`, or `layer@tile#index`. */
  keyOf(layer: string, feature: Feature, tileKey: string, index: number): string {
    const own = this.idProperty ? feature.properties?.[this.idProperty] : undefined;
    const id = own ?? feature.id;
    return id !== undefined && id !== null
      ? `${layer}:${String(id)}`
      : `${layer}@${tileKey}#${index}`;
  }

  /**
   * Adds the features of one layer of tile `tileKey` (zoom `z`); returns their keys, parallel to
   * `features`.
   */
  add(layer: string, tileKey: string, z: number, features: readonly Feature[]): string[] {
    return features.map((feature, index) => {
      const key = this.keyOf(layer, feature, tileKey, index);
      const stored = this.#byKey.get(key);
      if (!feature.geometry) return key;
      if (!stored) {
        this.#byKey.set(key, {
          z,
          pieces: new Map([[tileKey, feature.geometry]]),
          feature: {
            type: 'Feature',
            id: feature.id,
            properties: feature.properties,
            geometry: feature.geometry,
          },
        });
        this.#order.push(key);
        this.#version++;
        return key;
      }
      if (z < stored.z || stored.pieces.get(tileKey) === feature.geometry) return key;
      if (z > stored.z) {
        stored.z = z;
        stored.pieces.clear();
      }
      stored.pieces.set(tileKey, feature.geometry);
      stored.feature = { ...stored.feature, geometry: combine([...stored.pieces.values()]) };
      this.#version++;
      return key;
    });
  }

  /** The index of a key in {@link features}, or -1. */
  indexOf(key: string): number {
    return this.#order.indexOf(key);
  }

  /** The key of the feature at `index` of {@link features}. */
  keyAt(index: number): string | undefined {
    return this.#order[index];
  }

  /** The features, in order of first arrival (a new array each call). */
  features(): Feature[] {
    return this.#order.map((key) => this.#byKey.get(key)?.feature as Feature);
  }
}

/** One geometry of several tile pieces: polygons as one MultiPolygon, else the first piece. */
function combine(pieces: Geometry[]): Geometry {
  const first = pieces[0] as Geometry;
  if (pieces.length === 1) return first;
  const polygons: Position[][][] = [];
  for (const piece of pieces) {
    if (piece.type === 'Polygon') polygons.push((piece as Polygon).coordinates);
    else if (piece.type === 'MultiPolygon') polygons.push(...piece.coordinates);
    else return first; // lines and points: the first piece is a fair stand-in
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}
