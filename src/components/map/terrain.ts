import type { Layer } from '@deck.gl/core';
import { addProtocol, removeProtocol, type Map as MapLibreMap } from 'maplibre-gl';
import { readGeoTiff } from '../../core/raster/geotiff.js';
import type { Grid } from '../../core/raster/grid.js';
import type { TaskRunner } from '../../core/workers/actor.js';
import { liftLayers } from './terrain-lift.js';
import { gridBoundsLonLat, renderTerrainTile, rgbaToPng } from '../../core/raster/terrain-tiles.js';

/** The MapLibre protocol that serves terrarium tiles cut from loaded DTMs: `dt-terrain://<id>/{z}/{x}/{y}`. */
export const TERRAIN_PROTOCOL = 'dt-terrain';
const TILE_SIZE = 256;

/** Loaded DTMs by id, shared by every map showing the same URL. */
const dems = new Map<string, { url: string; grid: Promise<Grid>; users: Set<MapTerrain> }>();
/** Maps with terrain: the protocol is registered while there is at least one. */
const users = new Set<MapTerrain>();
let nextId = 1;

/**
 * Cuts tile z/x/y as terrarium PNG bytes: in the worker pool of the first map on this DTM that has
 * one (the grid is copied along, about 1 MB), on the main thread only when none has a pool.
 */
async function cutTile(
  grid: Grid,
  [z, x, y]: [number, number, number],
  maps: Iterable<MapTerrain>,
  signal: AbortSignal,
): Promise<ArrayBuffer> {
  for (const map of maps) {
    const pool = map.workers();
    if (!pool) continue;
    const { width, height, values, geotransform, crs, nodata } = grid;
    const tile = { z, x, y, tileSize: TILE_SIZE };
    const request = { grid: { width, height, values, geotransform, crs, nodata }, ...tile };
    return (await pool.request('terrain-tile', request, { signal })).png;
  }
  const rgba = renderTerrainTile(grid, z, x, y, { tileSize: TILE_SIZE });
  return (await rgbaToPng(rgba, TILE_SIZE)).arrayBuffer();
}

function registerProtocol(): void {
  addProtocol(TERRAIN_PROTOCOL, async (params, abortController) => {
    const match = /^dt-terrain:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)/.exec(params.url);
    const dem = match && dems.get(match[1] ?? '');
    if (!match || !dem) throw new Error(`Tweeling terrain: no DTM for ${params.url}`);
    const grid = await dem.grid;
    const { signal } = abortController;
    signal.throwIfAborted();
    const tile = [match[2], match[3], match[4]].map(Number) as [number, number, number];
    return { data: await cutTile(grid, tile, dem.users, signal) };
  });
}

/**
 * The terrain of one MapLibre map: loads a DTM GeoTIFF (EPSG:28992), serves it as terrarium tiles
 * (cut in the worker pool) through the `dt-terrain` protocol, and keeps a `raster-dem` source plus
 * `map.setTerrain` on the map across style changes. {@link MapTerrain.dispose} detaches it; the
 * protocol goes with the last user.
 */
export class MapTerrain {
  readonly #map: MapLibreMap;
  #demId: string | undefined;
  #exaggeration = 1;
  #bounds: [number, number, number, number] | undefined;
  #grid: Grid | undefined;
  #settled: Promise<void> = Promise.resolve();
  readonly #onChange: () => void;
  /** The worker pool that cuts the tiles, read for each tile (undefined: the main thread does). */
  readonly workers: () => TaskRunner | undefined;

  /**
   * `onChange` is called when the terrain or its exaggeration changes, to lift the deck.gl layers
   * again. `workers` gives the pool that cuts the tiles (the twin's `controller.workers`).
   */
  constructor(map: MapLibreMap, onChange: () => void, workers?: () => TaskRunner | undefined) {
    this.#map = map;
    this.#onChange = onChange;
    this.workers = workers ?? (() => undefined);
    map.on('styledata', this.ensure);
  }

  /** The deck.gl layers put on the terrain (see {@link liftLayers}); unchanged without terrain. */
  lift(layers: Layer[]): Layer[] {
    return this.#grid ? liftLayers(layers, this.#grid, this.#exaggeration) : layers;
  }

  /** Resolves once the current DTM is loaded and on the map (or failed: then it logs and resolves). */
  get settled(): Promise<void> {
    return this.#settled;
  }

  /**
   * Shows the DTM at `url` (or none, for null) with heights multiplied by `exaggeration`. Repeated
   * calls with the same URL only change the exaggeration.
   */
  set(url: string | null, exaggeration: number): Promise<void> {
    this.#exaggeration = Number.isFinite(exaggeration) && exaggeration > 0 ? exaggeration : 1;
    const current = this.#demId ? dems.get(this.#demId) : undefined;
    if (current && current.url === url) {
      this.ensure();
      if (this.#grid) this.#onChange();
      return this.#settled;
    }
    const hadGrid = !!this.#grid;
    this.detach();
    if (hadGrid) this.#onChange();
    if (!url) return (this.#settled = Promise.resolve());
    if (users.size === 0) registerProtocol();
    users.add(this);
    let entry = [...dems.entries()].find(([, d]) => d.url === url);
    if (!entry) {
      entry = [
        `dem${nextId++}`,
        { url, grid: readGeoTiff(url, { sourceId: 'terrain' }), users: new Set() },
      ];
      dems.set(...entry);
    }
    const [id, dem] = entry;
    dem.users.add(this);
    this.#demId = id;
    this.#settled = dem.grid.then(
      (grid) => {
        if (this.#demId !== id) return;
        this.#bounds = gridBoundsLonLat(grid);
        this.#grid = grid;
        this.ensure();
        this.#onChange();
      },
      (error: unknown) => {
        dems.delete(id);
        console.warn('Tweeling: the terrain could not be loaded', error);
      },
    );
    return this.#settled;
  }

  /** Removes the terrain from the map and lets go of the protocol if this was its last user. */
  dispose(): void {
    this.#map.off('styledata', this.ensure);
    this.detach();
  }

  private detach(): void {
    const id = this.#demId;
    if (!id) return;
    this.#demId = undefined;
    this.#bounds = undefined;
    this.#grid = undefined;
    const map = this.#map;
    try {
      if (map.getTerrain()?.source === id) map.setTerrain(null);
      if (map.getSource(id)) map.removeSource(id);
    } catch {
      // The map was removed already: nothing left to detach from it.
    }
    const dem = dems.get(id);
    dem?.users.delete(this);
    if (dem && dem.users.size === 0) dems.delete(id);
    users.delete(this);
    if (users.size === 0) removeProtocol(TERRAIN_PROTOCOL);
  }

  /** Adds the source and terrain when the style lacks them (after a load or a basemap change). */
  private readonly ensure = (): void => {
    const map = this.#map;
    const id = this.#demId;
    if (!id || !this.#bounds) return;
    // isStyleLoaded() stays false while tiles load; addSource needs only the style itself, and before
    // that it throws, which is fine: the style's own 'styledata' calls this again.
    try {
      this.addTo(map, id);
    } catch {
      // not loaded yet, see above
    }
  };

  private addTo(map: MapLibreMap, id: string): void {
    if (!map.getSource(id)) {
      map.addSource(id, {
        type: 'raster-dem',
        tiles: [`${TERRAIN_PROTOCOL}://${id}/{z}/{x}/{y}`],
        encoding: 'terrarium',
        tileSize: TILE_SIZE,
        bounds: this.#bounds,
        maxzoom: 18,
      });
    }
    const terrain = map.getTerrain();
    if (terrain?.source !== id || terrain.exaggeration !== this.#exaggeration) {
      map.setTerrain({ source: id, exaggeration: this.#exaggeration });
    }
  }
}
