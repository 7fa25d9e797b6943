/**
 * A fast stand-in for proj4 over a small extent: a second-order polynomial from projected x, y
 * (RD New metres) to longitude and latitude, least-squares fitted to proj4 at a 5 x 5 grid over the
 * extent. Converting 850,000 points one by one through proj4 takes seconds; the polynomial takes a
 * few milliseconds and, over a few kilometres, stays within a millimetre of proj4 (checked at 9 x 9
 * points, including the corners and the centre: {@link LonLatFit.maxErrorM}).
 */

/** The fitted conversion and how far it is from proj4. */
export interface LonLatFit {
  /** Longitude and latitude (degrees) of projected `x`, `y`. */
  toLonLat(x: number, y: number): [number, number];
  /** Largest distance, metres, between the fit and proj4 at 9 x 9 points over the extent (corners and centre included). */
  maxErrorM: number;
}

/** Terms of the polynomial in normalised u, v: 1, u, v, u², uv, v². */
function terms(u: number, v: number): number[] {
  return [1, u, v, u * u, u * v, v * v];
}

/** Solves the square system `a x = b` by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const rowCol = m[col] as number[];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const factor = (row[col] as number) / (rowCol[col] as number);
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (rowCol[c] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}

/** Least-squares coefficients of the polynomial through `samples` ([u, v, value]). */
function fitCoefficients(samples: [number, number, number][]): number[] {
  const ata = Array.from({ length: 6 }, () => new Array<number>(6).fill(0));
  const atb = new Array<number>(6).fill(0);
  for (const [u, v, value] of samples) {
    const t = terms(u, v);
    for (let i = 0; i < 6; i++) {
      atb[i] = (atb[i] as number) + (t[i] as number) * value;
      const row = ata[i] as number[];
      for (let j = 0; j < 6; j++) row[j] = (row[j] as number) + (t[i] as number) * (t[j] as number);
    }
  }
  return solve(ata, atb);
}

/**
 * Fits projected x, y to longitude, latitude over `extent` (`[minX, minY, maxX, maxY]`), with
 * `project` the exact conversion (proj4).
 */
export function fitLonLat(
  project: (x: number, y: number) => [number, number],
  extent: [number, number, number, number],
): LonLatFit {
  const [minX, minY, maxX, maxY] = extent;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  // Half sizes of at least 1 unit, so that a single point or a line still gives a solvable system.
  const hx = Math.max((maxX - minX) / 2, 1);
  const hy = Math.max((maxY - minY) / 2, 1);
  const lonSamples: [number, number, number][] = [];
  const latSamples: [number, number, number][] = [];
  for (let i = 0; i <= 4; i++) {
    for (let j = 0; j <= 4; j++) {
      const u = i / 2 - 1;
      const v = j / 2 - 1;
      const [lon, lat] = project(cx + u * hx, cy + v * hy);
      lonSamples.push([u, v, lon]);
      latSamples.push([u, v, lat]);
    }
  }
  const lonC = fitCoefficients(lonSamples);
  const latC = fitCoefficients(latSamples);
  const evaluate = (c: number[], u: number, v: number): number =>
    (c[0] as number) +
    (c[1] as number) * u +
    (c[2] as number) * v +
    (c[3] as number) * u * u +
    (c[4] as number) * u * v +
    (c[5] as number) * v * v;
  const toLonLat = (x: number, y: number): [number, number] => {
    const u = (x - cx) / hx;
    const v = (y - cy) / hy;
    return [evaluate(lonC, u, v), evaluate(latC, u, v)];
  };
  let maxErrorM = 0;
  for (let i = 0; i <= 8; i++) {
    for (let j = 0; j <= 8; j++) {
      const x = cx + (i / 4 - 1) * hx;
      const y = cy + (j / 4 - 1) * hy;
      const [lon, lat] = project(x, y);
      const [fitLon, fitLat] = toLonLat(x, y);
      const dy = (fitLat - lat) * 111_320;
      const dx = (fitLon - lon) * 111_320 * Math.cos((lat * Math.PI) / 180);
      maxErrorM = Math.max(maxErrorM, Math.hypot(dx, dy));
    }
  }
  return { toLonLat, maxErrorM };
}
