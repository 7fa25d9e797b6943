import { checkConnectivity, checkGrid, type Connectivity } from './bathtub-grid.js';

/**
 * Reference: a plain breadth-first flood fill at one water level, the definition of the bathtub model
 * written out (for tests and as documentation). Returns a mask: 1 = flooded and connected, that is
 * `z < waterLevel` and reachable from a source cell through cells with `z < waterLevel` (a source
 * itself floods when its `z < waterLevel`; non-zero in `sources` = source). NaN cells never flood. O(n), with bounds checks: slow but plain.
 */
export function floodFillAt(
  dem: Float32Array,
  width: number,
  height: number,
  sources: Uint8Array,
  waterLevel: number,
  connectivity: Connectivity = 8,
): Uint8Array {
  checkGrid(dem, width, height, sources);
  checkConnectivity(connectivity);
  const flooded = new Uint8Array(width * height);
  const queue = new Int32Array(width * height);
  let tail = 0;
  const below = (cell: number) => (dem[cell] as number) < waterLevel; // false for NaN
  for (let cell = 0; cell < sources.length; cell++) {
    if (sources[cell] !== 0 && below(cell)) {
      flooded[cell] = 1;
      queue[tail++] = cell;
    }
  }
  const steps =
    connectivity === 8
      ? [
          [-1, -1],
          [0, -1],
          [1, -1],
          [-1, 0],
          [1, 0],
          [-1, 1],
          [0, 1],
          [1, 1],
        ]
      : [
          [0, -1],
          [-1, 0],
          [1, 0],
          [0, 1],
        ];
  for (let head = 0; head < tail; head++) {
    const cell = queue[head] as number;
    const x = cell % width;
    const y = (cell - x) / width;
    for (const [dx, dy] of steps as [number, number][]) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const next = ny * width + nx;
      if (flooded[next] === 0 && below(next)) {
        flooded[next] = 1;
        queue[tail++] = next;
      }
    }
  }
  return flooded;
}
