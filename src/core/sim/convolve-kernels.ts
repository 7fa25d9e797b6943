/**
 * The convolution kernels of the InVEST Urban Cooling model and how they are described: a
 * mirror-symmetric kernel by its quarter `q(a, b)` (see convolve.ts), materialised when needed.
 */

/** How a convolution is computed: a direct sum over the kernel, or FFTs. */
export type ConvolutionMethod = 'fft' | 'direct';

/** A kernel as a grid of values: `size x size` (odd), row-major, centred on the middle cell. */
export interface ConvolutionKernel {
  /** The side in cells, `2 * apothem + 1`. */
  size: number;
  /** `size * size` values, row-major. */
  values: Float64Array;
}

/**
 * A kernel the convolutions use without materialising it: mirror-symmetric in both axes, zero
 * beyond `reach` cells from the centre (in either axis), generated one quarter row at a time.
 */
export interface KernelSpec {
  /** The largest offset (cells, in either axis) with a non-zero value: the kernel's apothem. */
  reach: number;
  /** `sum(k)` over the whole kernel: the factor of the edge rule (1 for a normalised kernel). */
  factor: number;
  /** Writes `q(a, b)` for `0 <= b < cols` into `out[offset + b]` (0 beyond `reach`). */
  row(a: number, cols: number, out: Float64Array, offset: number): void;
  /** Identifies the kernel for {@link ConvolutionBuffers}' cache (none: not cached). */
  key?: string;
  /** Whether every value is an integer (so sums of integer signals are integers). */
  integer?: boolean;
}

/**
 * A distance in metres as whole cells the way InVEST does it:
 * `int(numpy.round(distance / cell_size))`, which rounds halves to even.
 */
export function cellsOf(distanceM: number, cellSizeM: number): number {
  const x = distanceM / cellSizeM;
  const down = Math.floor(x);
  const rest = x - down;
  if (rest > 0.5) return down + 1;
  if (rest < 0.5) return down;
  return down % 2 === 0 ? down : down + 1;
}

function checkRadius(name: string, radiusCells: number): void {
  if (!(Number.isFinite(radiusCells) && radiusCells >= 0)) {
    throw new RangeError(
      `${name}: radius must be a finite number of cells >= 0, got ${radiusCells}`,
    );
  }
}

/**
 * The exponential decay kernel of InVEST's `convolve_2d_by_exponential` as a spec, unnormalised:
 * `exp(-r / d)` with `r` the distance in cells between cell centres, for `r <= 5 d`, else 0
 * (pygeoprocessing `exponential_decay_kernel(max_distance = 5 d, expected_distance = d)`).
 * InVEST normalises it to sum 1; with the edge rule the normalisation cancels, so `factor` is 1.
 * `d = 0` is the identity (one cell of weight 1).
 */
export function exponentialKernelSpec(radiusCells: number): KernelSpec {
  checkRadius('exponentialKernelSpec', radiusCells);
  const d = radiusCells;
  const max2 = 25 * d * d;
  const reach = Math.floor(5 * d);
  const inv = d > 0 ? -1 / d : 0;
  return {
    reach,
    factor: 1,
    key: `exponential:${d}`,
    row(a, cols, out, offset) {
      out.fill(0, offset, offset + cols);
      if (d === 0) {
        if (a === 0 && cols > 0) out[offset] = 1;
        return;
      }
      const a2 = a * a;
      const end = Math.min(cols, reach + 1);
      for (let b = 0; b < end; b++) {
        const r2 = a2 + b * b;
        if (r2 > max2) break;
        out[offset + b] = Math.exp(Math.sqrt(r2) * inv);
      }
    },
  };
}

/**
 * The disk kernel InVEST sums green area with (pygeoprocessing `dichotomous_kernel(max_distance
 * = d, normalize=False)`): 1 where the distance between cell centres is <= `d` cells, else 0.
 * `factor` is the number of cells in the disk, so the edge rule extrapolates a count.
 */
export function diskKernelSpec(radiusCells: number): KernelSpec {
  checkRadius('diskKernelSpec', radiusCells);
  const d = radiusCells;
  const reach = Math.floor(d);
  const halfWidth = (a: number) => Math.floor(Math.sqrt(Math.max(0, d * d - a * a)) + 1e-9);
  let count = 0;
  for (let a = -reach; a <= reach; a++) count += 2 * halfWidth(a) + 1;
  return {
    reach,
    factor: count,
    key: `disk:${d}`,
    integer: true,
    row(a, cols, out, offset) {
      out.fill(0, offset, offset + cols);
      if (a <= reach) out.fill(1, offset, offset + Math.min(cols, halfWidth(a) + 1));
    },
  };
}

/** The quarter `q(a, b)` of a kernel for `0 <= a < rows`, `0 <= b < cols`, row-major. */
export function kernelQuarter(spec: KernelSpec, rows: number, cols: number): Float64Array {
  const q = new Float64Array(rows * cols);
  for (let a = 0; a < rows; a++) spec.row(a, cols, q, a * cols);
  return q;
}

function materialise(spec: KernelSpec, normalise: boolean): ConvolutionKernel {
  const reach = spec.reach;
  const size = 2 * reach + 1;
  const q = kernelQuarter(spec, reach + 1, reach + 1);
  const values = new Float64Array(size * size);
  let sum = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = q[Math.abs(y - reach) * (reach + 1) + Math.abs(x - reach)] as number;
      values[y * size + x] = v;
      sum += v;
    }
  }
  if (normalise && sum > 0)
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / sum;
  return { size, values };
}

/**
 * InVEST's exponential decay kernel, materialised and normalised to sum 1 (as pygeoprocessing
 * writes it): `exp(-r / d) / sum` for `r <= 5 d`, `r` the distance in cells between cell centres,
 * `size = 2 * floor(5 d) + 1`. `radiusCells` is `d`, InVEST's `int(round(distance / cell size))`
 * (see {@link cellsOf}). Memory grows as `(10 d)^2`: the heat model itself never materialises its
 * kernels ({@link exponentialKernelSpec}).
 */
export function exponentialKernel(radiusCells: number): ConvolutionKernel {
  return materialise(exponentialKernelSpec(radiusCells), true);
}

/** InVEST's green-area disk kernel, materialised (unnormalised, see {@link diskKernelSpec}). */
export function diskKernel(radiusCells: number): ConvolutionKernel {
  return materialise(diskKernelSpec(radiusCells), false);
}

/**
 * A materialised kernel as a spec. `factor` is the sum of its values.
 * @throws RangeError when `size` is not odd, the length is not `size^2`, or the kernel is not
 *   mirror-symmetric in both axes (the FFT path relies on a real, even transform).
 */
export function kernelSpecOf(kernel: ConvolutionKernel): KernelSpec {
  const { size, values } = kernel;
  if (!(Number.isInteger(size) && size >= 1 && size % 2 === 1) || values.length !== size * size) {
    throw new RangeError(
      `kernel: size must be odd and values.length size^2, got ${size} and ${values.length}`,
    );
  }
  const reach = (size - 1) / 2;
  let factor = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = values[y * size + x] as number;
      factor += v;
      const mirrored = [
        values[y * size + (size - 1 - x)],
        values[(size - 1 - y) * size + x],
      ] as number[];
      for (const m of mirrored) {
        if (Math.abs(m - v) > 1e-12 * Math.max(1, Math.abs(v))) {
          throw new RangeError('kernel: values must be mirror-symmetric in both axes');
        }
      }
    }
  }
  return {
    reach,
    factor,
    row(a, cols, out, offset) {
      out.fill(0, offset, offset + cols);
      if (a > reach) return;
      const from = (reach + a) * size + reach;
      const c = Math.min(cols, reach + 1);
      for (let b = 0; b < c; b++) out[offset + b] = values[from + b] as number;
    },
  };
}
