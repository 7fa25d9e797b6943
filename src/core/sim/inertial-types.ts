/**
 * Inputs and outputs of the local-inertial flood model (LISFLOOD-FP "acceleration" scheme). The kernel
 * is in inertial.ts; the model card is docs/models/flood-inertial.md.
 */

/** A regular elevation grid. */
export interface InertialGrid {
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
  /** Cell side in metres (square cells). */
  cellSize: number;
  /** Bed elevation in metres, row-major, top row first; NaN or nodata cells are walls. */
  z: Float32Array;
}

/** A discharge into the grid at a breach point or line. */
export interface InertialInflow {
  /** Cell indices (`row * width + column`) of a point or line; the discharge is spread evenly. */
  cells: number[];
  /**
   * `[t_s, Q_m3s]` pairs, times strictly increasing, Q >= 0; linear between points, the first and
   * last values held before and after (the convention of time-series.ts).
   */
  hydrograph: [number, number][];
}

/** Cells held at a water level (sea, river, an analytic boundary). */
export interface InertialFixedLevel {
  /** Cell indices (`row * width + column`). */
  cells: number[];
  /**
   * Water level in metres at time `tS`. Each step sets the depth of the cells to
   * `max(level - z, 0)`; the water that adds or removes counts as inflow or outflow. A level below
   * the bed (even `-Infinity`) makes the cells a free-outflow sink.
   */
  level: (tS: number) => number;
}

/** Parameters of one run. */
export interface InertialParams {
  /** Manning n (s/m^(1/3)) per cell, or one value for all; averaged over the two cells of a face. */
  manning: Float32Array | number;
  /** Simulated time in seconds (> 0). */
  durationS: number;
  /** Snapshots of depth every this many seconds (default: none besides the final depth). */
  outputIntervalS?: number;
  /** de Almeida weighting theta in [0, 1] (default 0.7; 1 is the original Bates et al. 2010 scheme). */
  theta?: number;
  /** Courant number for the adaptive step (default 0.7). */
  cfl?: number;
  /** Longest time step in seconds (default 10). */
  maxDtS?: number;
  /** Depth in metres at t = 0 (default 0); water on walls and blocked cells is dropped. */
  initialDepth?: Float32Array;
  /** 1 = obstacle (buildings burned in): never wet, its faces closed. */
  blocked?: Uint8Array;
  /** Discharges at breach points or lines. */
  inflows?: InertialInflow[];
  /** Boundary cells held at a water level. */
  fixedLevels?: InertialFixedLevel[];
  /** Rain falling on every open cell (see docs/models/rain.md). */
  rain?: {
    /** Intensity in mm/h at time `tS` (>= 0); a step uses its value at the step's midpoint. */
    intensity: (tS: number) => number;
    /**
     * Times (s) where the intensity jumps or changes slope. Steps end on them, so the rain volume is
     * exact for a piecewise-linear hyetograph; without them a step across a jump takes the midpoint's
     * intensity for the whole step.
     */
    breakpointsS?: number[];
  };
  /** SCS curve-number losses on the rain (incremental, TR-55). Without it all rain runs off. */
  infiltration?: {
    /** SCS curve number per cell, or one for all, in (0, 100]. */
    curveNumber: Float32Array | number;
    /** Storage (mm) per cell that rain fills before the curve number applies (green roofs). */
    greenRoofStorageMm?: Float32Array;
  };
  /** Depth in metres at which a cell counts as reached by the water (default 0.1). */
  arrivalThresholdM?: number;
  /** Depth in metres above which time is counted into `durationAboveS` (default 0.1). */
  durationThresholdM?: number;
}

/** Water volumes of a run in cubic metres, summed in Float64. */
export interface InertialVolumes {
  /** Water added by inflow hydrographs and by fixed-level cells. */
  inflowM3: number;
  /** Rain that fell on open cells. */
  rainM3: number;
  /** Rain retained by the curve number (initial abstraction, infiltration, green-roof storage). */
  infiltrationM3: number;
  /** Water removed by fixed-level cells. */
  outflowM3: number;
  /** Water on the grid at the end. */
  storedM3: number;
  /** Water on the grid at the start. */
  initialM3: number;
  /**
   * `((inflow + rain - infiltration - outflow) - (stored - initial)) / max(inflow + rain + initial, tiny)`:
   * round-off only. (The initial volume is in the denominator so that a run without sources, a lake
   * at rest or a dam break, still has a relative measure.)
   */
  massBalanceError: number;
}

/** What a run computed. Grids are Float32, row-major, top row first. */
export interface InertialResult {
  /** Maximum depth (m) over the run. */
  maxDepth: Float32Array;
  /** Depth (m) at the end. */
  depth: Float32Array;
  /** Time (s) at the end of the first step with depth >= `arrivalThresholdM`; 0 if so at the start, NaN if never. */
  arrivalTimeS: Float32Array;
  /** Seconds spent with depth >= `durationThresholdM` (summed over steps, judged at each step end). */
  durationAboveS: Float32Array;
  /** Depth every `outputIntervalS` seconds (t = k * interval, k >= 1, up to the duration). */
  snapshots: {
    /** Simulated time of the snapshot, s. */
    timeS: number;
    /** Water depth per cell at that time, m. */
    depth: Float32Array;
  }[];
  /** Volume budget. */
  volumes: InertialVolumes;
  /** Time steps taken. */
  steps: number;
  /** Cells updated, summed over steps (each: its two faces' discharges and its continuity). */
  cellUpdates: number;
}
