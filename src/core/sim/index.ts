/**
 * The simulation kernels as public functions over plain grids, usable without a map (MODELS.md):
 * `import { sim } from 'tweeling'; const levels = await sim.floodLevels(dem, w, h, sim.edgeSources(w, h));`
 */
export {
  quantiseDem,
  floodLevels,
  floodDepthAt,
  floodDepthAtScalar,
  floodFillAt,
  quantum,
  DEFAULT_STEP_M,
  edgeSources,
  pointSources,
  type FloodLevelOptions,
  type Connectivity,
} from './bathtub.js';
export {
  runInertial,
  createInertialState,
  stepInertial,
  markWet,
  type InertialState,
  type InertialStateOptions,
  scsRunoffMm,
  type InertialFixedLevel,
  type InertialInflow,
  type InertialVolumes,
  type InertialGrid,
  type InertialParams,
  type InertialResult,
} from './inertial.js';
export { floodedBuildings, STOREY_HEIGHT_M, type BuildingFlood } from './flooded-buildings.js';
export {
  DEFAULT_LANDCOVER_TABLE,
  DEFAULT_SOIL_GROUP,
  mergeLandCoverTable,
  classKeyOf,
  curveNumberOf,
  type LandCoverClass,
  type LandCoverTable,
  type SoilGroup,
} from './landcover-table.js';
export { checkTimeSeries, linearAt, stepAt, type TimeSeries } from './time-series.js';
export type { RunOptions } from './run-options.js';
export {
  sunPosition,
  sunTimes,
  solarDayStart,
  type SunPosition,
  type SunTimes,
} from './sun-position.js';
export { shadowMask, sunHours, type ShadowOptions, type SunHoursOptions } from './shadow.js';
export { skyViewFactor, type SkyViewOptions } from './sky-view.js';
export {
  wetBulbStull,
  diffuseFraction,
  petSun,
  petShade,
  petGrid,
  BOWEN_GREEN,
  BOWEN_PAVED,
  type PetGridInputs,
  type PetSunInputs,
  type PetShadeInputs,
} from './pet.js';
export {
  runUrbanCooling,
  coolingCapacity,
  wbgt,
  DEFAULT_HEAT_WEIGHTS,
  GREEN_AREA_THRESHOLD_M2,
  type HeatInputs,
  type HeatParams,
  type HeatResult,
  type HeatRunOptions,
} from './heat-invest.js';
export {
  convolveNormalized,
  exponentialKernel,
  diskKernel,
  cellsOf,
  ConvolutionBuffers,
  type ConvolutionKernel,
  type ConvolveOptions,
} from './convolve.js';
export {
  coolPlaces,
  COOL_PLACE_MAX_PET_C,
  COOL_PLACE_MIN_AREA_M2,
  COOL_PLACE_WALK_M,
  type CoolPlaces,
  type CoolPlacesInput,
} from './cool-places.js';
export {
  shadeDay,
  petMap,
  clearSkyRadiation,
  type ShadeSurface,
  type ShadeDayRequest,
  type ShadeDayResult,
  type PetMapRequest,
  type PetMapResult,
} from './shade-maps.js';
export {
  dutchTimeToUtc,
  isDutchSummerTime,
  parseIsoDate,
  parseClockTime,
  type LocalDateTime,
} from './dutch-time.js';
export {
  rule33300,
  detectTrees,
  plantedTrees,
  canopyHeights,
  canopyCover,
  findParks,
  buildingMinimum,
  RULE_3_30_300_DEFAULTS,
  type CanopyCover,
  type Parks,
  type Rule33300Inputs,
  type Rule33300Options,
  type Rule33300Result,
} from './rule-3-30-300.js';
export {
  visibleTrees,
  facadeObservers,
  obstacleHeights,
  lineOfSight,
  type FacadeObservers,
  type SightGrid,
  type TreeTops,
  type VisibilityOptions,
} from './tree-visibility.js';
