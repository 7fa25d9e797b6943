/**
 * `<dt-scenario type="green-3-30-300">`: the 3-30-300 greenery rule (MODELS.md section 3,
 * docs/models/rule-3-30-300.md) on the twin's DTM, DSM, land cover and buildings. Every building
 * counts as a home (the Delft data has no use attribute). Trees are local maxima of the canopy
 * height model plus the trees greenery edits plant; per home the trees visible from its facades
 * within 30 m (`buildingValues['trees-visible']`) and the distance to the nearest green space of at
 * least 0.5 ha (`buildingValues['park-distance-m']`); canopy cover per neighbourhood. The line-of-sight
 * and distance work runs in a worker (task `green-3-30-300`).
 */
import type { Feature } from 'geojson';
import { DtSourceError } from '../../core/errors.js';
import { transformer } from '../../core/raster/crs.js';
import { editMask } from '../../core/sim/greenery-edits.js';
import { buildingHeights, gridOf } from '../../core/sim/model-grids.js';
import {
  canopyHeights,
  plantedTrees,
  RULE_3_30_300_DEFAULTS,
  type Rule33300Inputs,
  type Rule33300Options,
} from '../../core/sim/rule-3-30-300.js';
import type { ScenarioResult, ScenarioStat } from '../../core/sim/scenario-result.js';
import { CANOPY_MIN_HEIGHT_M, landCoverCells, type LandCoverCells } from './land-cover-cells.js';
import { neighbourhoodZones } from './neighbourhood-zones.js';
import { numberAttribute, type ScenarioRunContext } from './scenario-kinds.js';

/** The scenario's parameters (attributes) after defaults. */
export interface Green33300Settings {
  /** `cell-size`: analysis cell size, m (default 1). */
  cellSizeM: number;
  /** `tree-radius`: a tree top is the highest canopy within this radius, m (2.5). */
  treeRadiusM: number;
  /** `eye-height`: observer eye height above the ground, m (1.5). */
  eyeHeightM: number;
  /** `view-distance`: how far a home sees trees, m (30). */
  viewDistanceM: number;
  /** `min-trees`: trees a home should see (3). */
  minTrees: number;
  /** `canopy-target`: canopy cover a neighbourhood should have, percent (30). */
  canopyTargetPercent: number;
  /** `park-min-area`: the smallest park or green space that counts, m2 (5000 = 0.5 ha). */
  parkMinAreaM2: number;
  /** `park-distance`: the greatest distance from a home to such a park, m (300). */
  parkDistanceM: number;
}

/** Reads the attributes. @throws DtSourceError `invalid-parameter` naming a bad one. */
export function green33300Settings(context: ScenarioRunContext): Green33300Settings {
  const d = RULE_3_30_300_DEFAULTS;
  return {
    cellSizeM: numberAttribute(context, 'cell-size', 1, 0.5, 10),
    treeRadiusM: numberAttribute(context, 'tree-radius', d.treeRadiusM, 0.5, 20),
    eyeHeightM: numberAttribute(context, 'eye-height', d.eyeHeightM, 0, 50),
    viewDistanceM: numberAttribute(context, 'view-distance', d.viewDistanceM, 1, 300),
    minTrees: numberAttribute(context, 'min-trees', 3, 0, 1000),
    canopyTargetPercent: numberAttribute(context, 'canopy-target', 30, 0, 100),
    parkMinAreaM2: numberAttribute(context, 'park-min-area', d.parkMinAreaM2, 0, 1e8),
    parkDistanceM: numberAttribute(context, 'park-distance', d.parkDistanceM, 0, 1e5),
  };
}

/**
 * The trees the edits plant that the surface model cannot show: each `add-trees` point is one tree
 * (where its cell still has planted canopy at the end); each `add-trees` polygon gets one tree per
 * pi * 4^2 m2 of its canopy cells without DSM canopy height ({@link plantedTrees}).
 */
function editTrees(context: ScenarioRunContext, cells: LandCoverCells, chm: Float32Array) {
  const { spec, canopy, cellSizeM } = cells;
  const trees: number[] = [];
  const toGrid = transformer('EPSG:4326', spec.crs);
  const [x0, dx, , y0, , dy] = spec.geotransform;
  for (const edit of context.edits) {
    if (edit.properties.action !== 'add-trees') continue;
    const geometry = edit.geometry;
    if (geometry.type === 'Point' || geometry.type === 'MultiPoint') {
      const points = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
      for (const [lon = NaN, lat = NaN] of points) {
        const [x, y] = toGrid(lon, lat);
        const col = Math.floor((x - x0) / dx);
        const row = Math.floor((y - y0) / dy);
        if (col < 0 || row < 0 || col >= spec.width || row >= spec.height) continue;
        const cell = row * spec.width + col;
        if (canopy[cell]) trees.push(cell);
      }
    } else {
      const planted = editMask(edit, spec);
      for (let i = 0; i < planted.length; i++)
        if (planted[i] && (!canopy[i] || (chm[i] as number) > CANOPY_MIN_HEIGHT_M)) planted[i] = 0;
      trees.push(...plantedTrees(planted, spec.width, cellSizeM));
    }
  }
  return Int32Array.from(trees);
}

/** What the worker request is made of, besides the land-cover cells. */
interface RequestParts {
  /** The surface model on the cells. */
  surface: Float32Array;
  /** Building index per cell. */
  footprints: Int32Array;
  /** Canopy in the known area ({@link knownArea}). */
  canopy: Uint8Array;
  /** The known area. */
  area: Uint8Array;
  /** Neighbourhood per cell, if given. */
  zones: Int32Array | undefined;
  /** Number of neighbourhoods. */
  zoneCount: number;
}

/** The worker request: the grids of the rule on the analysis cells. */
function requestOf(
  context: ScenarioRunContext,
  cells: LandCoverCells,
  { surface, footprints, canopy, area, zones, zoneCount }: RequestParts,
): Rule33300Inputs {
  const { classes, table, ground } = cells;
  const isWater = classes.keys.map((k) => k === 'waterdeel' || k.startsWith('waterdeel/'));
  const isGreen = classes.keys.map((k) => table[k]?.green === 1);
  const n = ground.length;
  const green = new Uint8Array(n);
  const counted = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cls = classes.classes[i] as number;
    if (!area[i]) continue;
    if ((footprints[i] as number) < 0 && (canopy[i] || isGreen[cls])) green[i] = 1;
    if (!isWater[cls] && Number.isFinite(ground[i] as number)) counted[i] = 1;
  }
  const buildings = context.buildings ?? [];
  return {
    width: cells.spec.width,
    height: cells.spec.height,
    cellSizeM: cells.cellSizeM,
    ground,
    surface,
    canopy,
    footprints,
    buildingCount: buildings.length,
    buildingHeightsM: Float32Array.from(buildingHeights(buildings)),
    green,
    counted,
    ...(zones ? { zones } : {}),
    zoneCount,
    extraTrees: editTrees(context, { ...cells, canopy }, canopyHeights(ground, surface)),
  };
}

/**
 * Which buildings are homes: those whose BAG use (`gebruiksdoel`) includes `woonfunctie` when the
 * data has a use for any building, else all of them (the shipped Delft data has none).
 */
export function homesOf(buildings: readonly Feature[]): { homes: Uint8Array; byUse: boolean } {
  const uses = buildings.map((f) => f.properties?.['gebruiksdoel'] as unknown);
  const byUse = uses.some((use) => use !== undefined && use !== null && use !== '');
  const homes = Uint8Array.from(uses, (use) =>
    !byUse || String(use).toLowerCase().includes('woonfunctie') ? 1 : 0,
  );
  return { homes, byUse };
}

/** 1 where `mask` is set, NaN elsewhere: a band that shows only the marked cells. */
function maskBand(mask: ArrayLike<number>): Float32Array {
  return Float32Array.from(mask, (v) => (v ? 1 : NaN));
}

/** The share (percent) of the homes with a value that pass `test`, and how many had a value. */
function shareOf(
  values: Float32Array,
  homes: Uint8Array,
  test: (v: number) => boolean,
): [number, number] {
  let total = 0;
  let passed = 0;
  for (const [b, v] of values.entries()) {
    if (Number.isNaN(v) || !homes[b]) continue;
    total++;
    if (test(v)) passed++;
  }
  return [total ? (100 * passed) / total : NaN, total];
}

/** `<dt-scenario type="green-3-30-300">`: the 3-30-300 rule for every building and neighbourhood. */
export async function runGreen33300(context: ScenarioRunContext): Promise<ScenarioResult> {
  const start = performance.now();
  const id = context.scenarioId;
  const settings = green33300Settings(context);
  if (!context.dsm)
    throw new DtSourceError(
      id,
      'missing-input',
      'green-3-30-300 needs a surface model for trees and sight lines: set dsm="<id of a geotiff data source>"',
    );
  if (!context.buildings)
    throw new DtSourceError(
      id,
      'missing-input',
      'green-3-30-300 needs the homes: set buildings="<id of a footprint data source>"',
    );
  const cells = landCoverCells(context, settings.cellSizeM);
  const { spec, surface, footprints } = cells;
  if (!surface || !footprints) throw new DtSourceError(id, 'model', 'no surface or footprints');
  // Outside the known land cover a DSM more than 2 m above the DTM is as likely a roof missing from
  // the buildings source as a crown (the shipped Delft DSM reaches beyond the BGT and BAG extract),
  // so those cells hold no trees, canopy cover or green space; they still block sight lines.
  const area = cells.known ?? new Uint8Array(cells.canopy.length).fill(1);
  const canopy = cells.canopy.map((c, i) => c & (area[i] as number));
  const { zones, names } = neighbourhoodZones(
    id,
    'neighbourhood',
    context.attributes['neighbourhood'],
    spec,
  );
  const request = requestOf(context, cells, {
    surface,
    footprints,
    canopy,
    area,
    zones,
    zoneCount: names.length,
  });
  const options: Rule33300Options = {
    treeRadiusM: settings.treeRadiusM,
    eyeHeightM: settings.eyeHeightM,
    viewDistanceM: settings.viewDistanceM,
    parkMinAreaM2: settings.parkMinAreaM2,
  };
  const out = await context.workers.request(
    'green-3-30-300',
    { inputs: request, options },
    { signal: context.signal, onProgress: context.progress },
  );
  const cellArea = settings.cellSizeM * settings.cellSizeM;
  const coverPercent = Array.from(out.canopyCells, (c, z) =>
    out.areaCells[z] ? (100 * c) / (out.areaCells[z] as number) : NaN,
  );
  const treeMask = new Uint8Array(canopy.length);
  for (const cell of out.trees) treeMask[cell] = 1;
  const coverBand = new Float32Array(canopy.length).fill(NaN);
  for (let i = 0; i < coverBand.length; i++) {
    const z = zones ? (zones[i] as number) : 0;
    if (z >= 0) coverBand[i] = coverPercent[z] as number;
  }
  const visibleBand = Float32Array.from(footprints, (b) =>
    b >= 0 ? (out.treesVisible[b] as number) : NaN,
  );
  const { homes: isHome, byUse } = homesOf(context.buildings);
  const [homes3, homes] = shareOf(out.treesVisible, isHome, (v) => v >= settings.minTrees);
  const [homesNear] = shareOf(
    out.buildingParkDistanceM,
    isHome,
    (v) => v <= settings.parkDistanceM,
  );
  let visibleSum = 0;
  out.treesVisible.forEach((v, b) => {
    if (!Number.isNaN(v) && isHome[b]) visibleSum += v;
  });
  const stats: ScenarioStat[] = [
    { key: 'trees-found', value: out.trees.length, unit: 'count' },
    { key: 'canopy-cover', value: coverPercent[0] as number, unit: 'percent' },
    { key: 'homes-counted', value: homes, unit: 'count' },
    { key: 'homes-3-trees', value: homes3, unit: 'percent' },
    { key: 'trees-visible-mean', value: homes ? visibleSum / homes : NaN, unit: 'count' },
    { key: 'parks', value: out.parkCount, unit: 'count' },
    { key: 'park-area', value: out.parkAreaM2, unit: 'm2' },
    { key: 'homes-near-park', value: homesNear, unit: 'percent' },
  ];
  if (names.length > 1) {
    const meeting = coverPercent.filter((p) => p >= settings.canopyTargetPercent).length;
    stats.push({
      key: 'neighbourhoods-30',
      value: (100 * meeting) / names.length,
      unit: 'percent',
    });
  }
  return {
    model: 'green-3-30-300',
    primaryBand: 'park-distance',
    bands: {
      canopy: gridOf(spec, maskBand(canopy)),
      tree: gridOf(spec, maskBand(treeMask)),
      'trees-visible': gridOf(spec, visibleBand),
      'canopy-cover': gridOf(spec, coverBand),
      park: gridOf(spec, maskBand(out.park)),
      'park-distance': gridOf(
        spec,
        out.parkDistanceM.map((v) => (Number.isFinite(v) ? v : NaN)),
      ),
    },
    times: [],
    snapshots: [],
    stats,
    buildings: [],
    buildingValues: {
      'trees-visible': out.treesVisible,
      'park-distance-m': out.buildingParkDistanceM,
    },
    parameters: {
      ...settings,
      plantedTreeHeightM: RULE_3_30_300_DEFAULTS.plantedTreeHeightM,
      plantedTrees: request.extraTrees?.length ?? 0,
      homes: byUse
        ? 'buildings whose gebruiksdoel includes woonfunctie'
        : 'all buildings (the data has no gebruiksdoel)',
      // Per neighbourhood (by name), flat numbers so that the CSV export lists them.
      ...Object.fromEntries(
        names.flatMap((name, z) => [
          [`canopyCoverPercent.${name}`, coverPercent[z]],
          [`landAreaM2.${name}`, (out.areaCells[z] as number) * cellArea],
        ]),
      ),
    },
    elapsedMs: performance.now() - start,
  };
}
