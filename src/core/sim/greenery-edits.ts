/**
 * Greenery edits (MODELS.md section 3): a plan's changes to the land cover, as GeoJSON features in
 * WGS 84 lon/lat (`properties.action` says what the edit does). {@link applyEdits} burns them into
 * a land-cover class grid, in order, so that the heat and rain scenarios see the planned situation:
 * - `add-trees`: tree canopy (`boom`) under the polygons, or within `crownRadiusM` (default 4 m) of
 *   the points; not on buildings or water;
 * - `add-park`: vegetated land (`begroeidterreindeel`) under the polygons, except buildings and water;
 * - `green-roof`: the roofs (`pand`) under the polygons become green roofs (`pand/groen dak`);
 * - `remove-green`: green cells under the polygons (every class with `green = 1`, trees included)
 *   become unpaved bare ground (`onbegroeidterreindeel/onverhard`);
 * - `pave`: everything under the polygons but buildings and water becomes sealed paving.
 */
import type { Feature, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { rasterizeFeatures, type GridSpec } from '../raster/rasterize.js';
import { transformer } from '../raster/crs.js';
import type { LandCoverTable } from './landcover-table.js';
import type { ClassGrid } from './model-grids.js';

/** What an edit does to the land cover. */
export type EditAction = 'add-trees' | 'add-park' | 'green-roof' | 'remove-green' | 'pave';

/** The edit actions, in the order a user interface lists them. */
export const EDIT_ACTIONS: readonly EditAction[] = [
  'add-trees',
  'add-park',
  'green-roof',
  'remove-green',
  'pave',
];

/** The properties of an edit feature. */
export interface EditProperties {
  /** What the edit does. */
  action: EditAction;
  /** `add-trees` with points: the crown radius in metres (default 4). */
  crownRadiusM?: number;
  /** A name the user gave it. */
  label?: string;
  /** A stable id (also the feature's `id`). */
  id?: string;
}

/** One greenery edit: a polygon or points in WGS 84 lon/lat, with what to do there. */
export type GreeneryEdit = Feature<Polygon | MultiPolygon | Point | MultiPoint, EditProperties>;

/** The default crown radius of a tree given as a point, metres. */
export const DEFAULT_CROWN_RADIUS_M = 4;

/** The class key each action paints (green-roof and remove-green depend on the cell). */
const PAINT: Record<Exclude<EditAction, 'green-roof'>, string> = {
  'add-trees': 'boom',
  'add-park': 'begroeidterreindeel',
  'remove-green': 'onbegroeidterreindeel/onverhard',
  pave: 'onbegroeidterreindeel/gesloten verharding',
};

/** Whether `value` is an edit action. */
export function isEditAction(value: unknown): value is EditAction {
  return typeof value === 'string' && (EDIT_ACTIONS as readonly string[]).includes(value);
}

/**
 * Checks an edit: a known action, a polygon or point geometry with finite coordinates, a positive
 * crown radius. Returns the reason it is not valid, or undefined.
 */
export function editProblem(edit: unknown): string | undefined {
  const feature = edit as Partial<GreeneryEdit> | null;
  if (!feature || typeof feature !== 'object' || feature.type !== 'Feature')
    return 'not a GeoJSON Feature';
  const action = feature.properties?.action;
  if (!isEditAction(action))
    return `unknown action "${String(action)}" (expected ${EDIT_ACTIONS.join(', ')})`;
  const geometry = feature.geometry;
  if (!geometry || !['Polygon', 'MultiPolygon', 'Point', 'MultiPoint'].includes(geometry.type))
    return `${action}: geometry must be a Polygon, MultiPolygon, Point or MultiPoint`;
  if ((geometry.type === 'Point' || geometry.type === 'MultiPoint') && action !== 'add-trees')
    return `${action}: points are only for add-trees; give a polygon`;
  const flat = JSON.stringify(geometry.coordinates ?? null).match(/-?[\d.eE+-]+|null/g) ?? [];
  if (flat.length === 0 || flat.some((v) => !Number.isFinite(Number(v))))
    return `${action}: coordinates must be finite numbers`;
  const radius = feature.properties?.crownRadiusM;
  if (radius !== undefined && !(typeof radius === 'number' && radius > 0 && radius <= 50))
    return `${action}: crownRadiusM must be a number in (0, 50]`;
  return undefined;
}

/** Cells within `radiusM` of any of the points (WGS 84) are marked in `mask`. */
function markDisks(mask: Uint8Array, spec: GridSpec, points: Position[], radiusM: number): void {
  const toGrid = transformer('EPSG:4326', spec.crs);
  const [x0, dx, , y0, , dy] = spec.geotransform;
  const rx = radiusM / Math.abs(dx);
  const ry = radiusM / Math.abs(dy);
  for (const [lon = NaN, lat = NaN] of points) {
    const [x, y] = toGrid(lon, lat);
    const col = (x - x0) / dx;
    const row = (y - y0) / dy;
    for (let r = Math.max(0, Math.floor(row - ry)); r <= Math.min(spec.height - 1, row + ry); r++) {
      for (
        let c = Math.max(0, Math.floor(col - rx));
        c <= Math.min(spec.width - 1, col + rx);
        c++
      ) {
        const ex = (c + 0.5 - col) / rx;
        const ey = (r + 0.5 - row) / ry;
        if (ex * ex + ey * ey <= 1) mask[r * spec.width + c] = 1;
      }
    }
  }
}

/** The cells an edit covers: its polygons (cell centre inside) or its points' crown disks. */
export function editMask(edit: GreeneryEdit, spec: GridSpec): Uint8Array {
  const mask = new Uint8Array(spec.width * spec.height);
  const geometry = edit.geometry;
  if (geometry.type === 'Point' || geometry.type === 'MultiPoint') {
    const points = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
    markDisks(mask, spec, points, edit.properties.crownRadiusM ?? DEFAULT_CROWN_RADIUS_M);
  } else {
    const cover = rasterizeFeatures([edit], spec);
    for (let i = 0; i < mask.length; i++) if ((cover[i] as number) >= 0) mask[i] = 1;
  }
  return mask;
}

/** The number of cells each edit changed, by edit index. */
export interface AppliedEdits {
  /** The planned class grid (a new array; the input is not changed). */
  grid: ClassGrid;
  /** Cells changed by each edit, in the order given. */
  changedCells: number[];
}

/**
 * The class grid with the edits burned in, in order (a later edit wins). Buildings are the cells of
 * class `pand` (or its subclasses), water the cells of class `waterdeel`.
 * @throws TypeError naming the edit when one is not valid ({@link editProblem}).
 */
export function applyEdits(
  grid: ClassGrid,
  spec: GridSpec,
  table: LandCoverTable,
  edits: readonly GreeneryEdit[],
): AppliedEdits {
  const keyIndex = new Map(grid.keys.map((k, i) => [k, i]));
  const indexOf = (key: string): number => {
    const index = keyIndex.get(key);
    if (index === undefined) throw new TypeError(`land-cover table has no class "${key}"`);
    return index;
  };
  const isBuilding = grid.keys.map((k) => k === 'pand' || k.startsWith('pand/'));
  const isWater = grid.keys.map((k) => k === 'waterdeel' || k.startsWith('waterdeel/'));
  const isGreen = grid.keys.map((k) => table[k]?.green === 1);
  const classes = Uint16Array.from(grid.classes);
  const changedCells = edits.map((edit, n) => {
    const problem = editProblem(edit);
    if (problem) throw new TypeError(`edit ${edit.properties?.id ?? n + 1}: ${problem}`);
    const mask = editMask(edit, spec);
    const action = edit.properties.action;
    const paint = action === 'green-roof' ? indexOf('pand/groen dak') : indexOf(PAINT[action]);
    let changed = 0;
    for (let i = 0; i < classes.length; i++) {
      if (!mask[i]) continue;
      const current = classes[i] as number;
      const building = isBuilding[current] as boolean;
      const allowed =
        action === 'green-roof'
          ? building
          : action === 'remove-green'
            ? (isGreen[current] as boolean) && !building
            : !building && !(isWater[current] as boolean);
      if (allowed && current !== paint) {
        classes[i] = paint;
        changed++;
      }
    }
    return changed;
  });
  return { grid: { classes, keys: grid.keys }, changedCells };
}
