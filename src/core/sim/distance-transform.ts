/**
 * Distances and connected areas on grids, for "how far is the nearest park / cool place" questions:
 * the exact Euclidean distance transform of Felzenszwalb and Huttenlocher (2012), two passes of a
 * 1-D lower-envelope-of-parabolas transform, O(cells); and 8-connected component labelling.
 * Distances are straight lines, not walking routes.
 */

/** The squared 1-D distance transform of `f` (length n) into `d`, with scratch `v` and `z`. */
function transform1d(
  f: Float64Array,
  n: number,
  d: Float64Array,
  v: Int32Array,
  z: Float64Array,
): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    const fq = f[q] as number;
    if (fq === Infinity) continue;
    if ((f[v[0] as number] as number) === Infinity) {
      v[0] = q;
      continue;
    }
    let s: number;
    for (;;) {
      const p = v[k] as number;
      s = (fq + q * q - ((f[p] as number) + p * p)) / (2 * q - 2 * p);
      if (s <= (z[k] as number) && k > 0) k--;
      else break;
    }
    if (s <= (z[k] as number)) {
      // k === 0 and the new parabola is lower everywhere
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  const first = v[0] as number;
  if ((f[first] as number) === Infinity) {
    d.fill(Infinity, 0, n);
    return;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while ((z[k + 1] as number) < q) k++;
    const p = v[k] as number;
    d[q] = (q - p) * (q - p) + (f[p] as number);
  }
}

/**
 * The straight-line distance in metres from each cell centre to the nearest centre of a cell where
 * `target` is non-zero (0 on target cells; Infinity everywhere when there is no target).
 */
export function distanceTransform(
  target: ArrayLike<number>,
  width: number,
  height: number,
  cellSizeM: number,
): Float32Array {
  if (target.length !== width * height)
    throw new RangeError(`distance transform: ${target.length} cells is not ${width} x ${height}`);
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const squared = new Float64Array(width * height);
  for (let col = 0; col < width; col++) {
    for (let row = 0; row < height; row++) f[row] = target[row * width + col] ? 0 : Infinity;
    transform1d(f, height, d, v, z);
    for (let row = 0; row < height; row++) squared[row * width + col] = d[row] as number;
  }
  const out = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) f[col] = squared[row * width + col] as number;
    transform1d(f, width, d, v, z);
    for (let col = 0; col < width; col++)
      out[row * width + col] = Math.sqrt(d[col] as number) * cellSizeM;
  }
  return out;
}

/** Labels of 8-connected areas: `labels` per cell (0 outside, 1..n), `sizes[label]` in cells. */
export interface Components {
  /** Per cell, its area's label (0: not in the mask). */
  labels: Int32Array;
  /** Cells per label; `sizes[0]` is 0. */
  sizes: number[];
}

/** The 8-connected areas of the non-zero cells of `mask` (flood fill with an explicit stack). */
export function connectedComponents(
  mask: ArrayLike<number>,
  width: number,
  height: number,
): Components {
  const labels = new Int32Array(width * height);
  const sizes = [0];
  const stack = new Int32Array(width * height);
  for (let start = 0; start < labels.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = sizes.length;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const i = stack[--top] as number;
      size++;
      const row = (i / width) | 0;
      const col = i - row * width;
      for (let dr = -1; dr <= 1; dr++) {
        const r = row + dr;
        if (r < 0 || r >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const c = col + dc;
          if (c < 0 || c >= width) continue;
          const j = r * width + c;
          if (mask[j] && !labels[j]) {
            labels[j] = label;
            stack[top++] = j;
          }
        }
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}
