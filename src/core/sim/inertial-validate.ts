/**
 * Checks of the inputs of runInertial(). Every failure is a RangeError whose message names the
 * parameter (`durationS`, `manning[12]`, `inflows[0].cells[3]`, ...), thrown before any work starts.
 */
import type { InertialGrid, InertialParams } from './inertial-types.js';
import { checkTimeSeries } from './time-series.js';

const fail = (what: string): never => {
  throw new RangeError(`runInertial: ${what}`);
};

const isPositive = (v: unknown): v is number =>
  typeof v === 'number' && v > 0 && Number.isFinite(v);

function checkPositive(value: unknown, name: string): void {
  if (!isPositive(value)) fail(`${name} must be a positive finite number, got ${String(value)}`);
}

function checkOptionalPositive(value: unknown, name: string): void {
  if (value !== undefined) checkPositive(value, name);
}

/** A number or a per-cell Float32Array whose values on open cells lie in [min, max]. */
function checkCellValues(
  value: Float32Array | number,
  name: string,
  cells: number,
  isOpen: (c: number) => boolean,
  inRange: (v: number) => boolean,
  range: string,
): void {
  if (typeof value === 'number') {
    if (!inRange(value)) fail(`${name} must be ${range}, got ${value}`);
    return;
  }
  if (!(value instanceof Float32Array) || value.length !== cells)
    fail(`${name} must be a number or a Float32Array of ${cells} cells`);
  for (let c = 0; c < cells; c++)
    if (isOpen(c) && !inRange(value[c] as number))
      fail(`${name}[${c}] must be ${range}, got ${value[c]}`);
}

function checkCellList(
  cells: unknown,
  name: string,
  count: number,
  isOpen: (c: number) => boolean,
): void {
  if (!Array.isArray(cells) || cells.length === 0) fail(`${name} must be a non-empty array`);
  (cells as unknown[]).forEach((c, k) => {
    if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= count)
      fail(`${name}[${k}] = ${String(c)} is not a cell of the grid (0..${count - 1})`);
    if (!isOpen(c as number)) fail(`${name}[${k}] = ${String(c)} is a wall or blocked cell`);
  });
}

/**
 * Checks a grid and the parameters of a run.
 * @throws RangeError naming the first parameter that is wrong.
 */
export function checkInertialInputs(grid: InertialGrid, params: InertialParams): void {
  const { width, height } = grid;
  if (!Number.isInteger(width) || width < 1) fail(`grid.width must be a positive integer`);
  if (!Number.isInteger(height) || height < 1) fail(`grid.height must be a positive integer`);
  checkPositive(grid.cellSize, 'grid.cellSize');
  const cells = width * height;
  if (!(grid.z instanceof Float32Array) || grid.z.length !== cells)
    fail(`grid.z must be a Float32Array of width * height = ${cells} cells`);
  const { blocked } = params;
  if (blocked !== undefined && (!(blocked instanceof Uint8Array) || blocked.length !== cells))
    fail(`blocked must be a Uint8Array of ${cells} cells`);
  const isOpen = (c: number) => grid.z[c] === grid.z[c] && !blocked?.[c];

  checkPositive(params.durationS, 'durationS');
  checkOptionalPositive(params.outputIntervalS, 'outputIntervalS');
  checkOptionalPositive(params.maxDtS, 'maxDtS');
  checkOptionalPositive(params.arrivalThresholdM, 'arrivalThresholdM');
  checkOptionalPositive(params.durationThresholdM, 'durationThresholdM');
  const { theta, cfl } = params;
  if (theta !== undefined && !(theta >= 0 && theta <= 1))
    fail(`theta must be in [0, 1], got ${theta}`);
  if (cfl !== undefined && !(cfl > 0 && cfl <= 1)) fail(`cfl must be in (0, 1], got ${cfl}`);

  const finiteNonNegative = (v: number) => v >= 0 && v < Infinity;
  checkCellValues(params.manning, 'manning', cells, isOpen, finiteNonNegative, 'finite and >= 0');
  if (params.initialDepth !== undefined) {
    if (!(params.initialDepth instanceof Float32Array))
      fail(`initialDepth must be a Float32Array of ${cells} cells`);
    checkCellValues(
      params.initialDepth,
      'initialDepth',
      cells,
      isOpen,
      finiteNonNegative,
      'finite and >= 0',
    );
  }

  (params.inflows ?? []).forEach((inflow, i) => {
    checkCellList(inflow.cells, `inflows[${i}].cells`, cells, isOpen);
    checkTimeSeries(inflow.hydrograph, `runInertial: inflows[${i}].hydrograph`).forEach(
      ([t, q], k) => {
        if (q < 0) fail(`inflows[${i}].hydrograph: discharge ${q} m3/s at point ${k} (${t} s) < 0`);
      },
    );
  });
  (params.fixedLevels ?? []).forEach((fixed, i) => {
    checkCellList(fixed.cells, `fixedLevels[${i}].cells`, cells, isOpen);
    if (typeof fixed.level !== 'function') fail(`fixedLevels[${i}].level must be a function`);
  });
  if (params.rain !== undefined) {
    if (typeof params.rain.intensity !== 'function')
      fail('rain.intensity must be a function of time returning mm/h');
    const breakpoints = params.rain.breakpointsS;
    if (breakpoints !== undefined && !Array.isArray(breakpoints))
      fail('rain.breakpointsS must be an array of times in seconds');
    breakpoints?.forEach((t, k) => {
      if (!(t >= 0 && t < Infinity)) fail(`rain.breakpointsS[${k}] = ${t} is not a time >= 0 s`);
    });
  }
  const { infiltration } = params;
  if (infiltration !== undefined) {
    checkCellValues(
      infiltration.curveNumber,
      'infiltration.curveNumber',
      cells,
      isOpen,
      (v) => v > 0 && v <= 100,
      'in (0, 100]',
    );
    const storage = infiltration.greenRoofStorageMm;
    if (storage !== undefined) {
      if (!(storage instanceof Float32Array))
        fail(`infiltration.greenRoofStorageMm must be a Float32Array of ${cells} cells`);
      checkCellValues(
        storage,
        'infiltration.greenRoofStorageMm',
        cells,
        isOpen,
        finiteNonNegative,
        'finite and >= 0',
      );
    }
  }
}
