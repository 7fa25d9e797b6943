import { transformer } from './crs.js';
import { readGeoTiff } from './geotiff.js';
import { valueAtBilinear, valueAtNearest, type BBox, type Grid } from './grid.js';

/** Options of {@link buildAnalysisGrid}. */
export interface AnalysisGridOptions {
  /** The area `[minX, minY, maxX, maxY]`, in `bboxCrs`. */
  bbox: BBox;
  /** The CRS of `bbox` (default `EPSG:28992`). Other CRSs are converted to the source's CRS by their corners. */
  bboxCrs?: string;
  /** Cell size of the grid in metres (the CRS units of the source, which must be projected). */
  cellSizeM: number;
  /** The source raster: a GeoTIFF/COG URL or its bytes. */
  source: string | ArrayBuffer;
  /** The CRS the source is in; the grid gets the same (default `EPSG:28992`). A mismatch is an error. */
  sourceCrs?: string;
  /**
   * How a cell gets its value from the source, sampled at the cell's centre: `bilinear` (default; the
   * four source cells around it, weighted) or `nearest` (the source cell that contains the centre).
   * This is point sampling, not an area average: for cells much coarser than the source, small
   * features can fall between samples.
   */
  resample?: 'bilinear' | 'nearest';
  /** Called with the share done, 0..1; the last call is exactly 1. */
  onProgress?: (share: number) => void;
  /** Aborts the work: the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/** Rows resampled between checks of the abort signal and progress reports. */
const ROWS_PER_STEP = 64;

/**
 * Assembles one Float32 grid over an area at a given cell size from a raster source: reads only the
 * covering window (plus one cell around it, so bilinear sampling has neighbours at the edge), then
 * resamples it. The grid's origin is the area's top-left corner (`minX`, `maxY`); it has
 * `ceil(width / cellSizeM)` columns and `ceil(height / cellSizeM)` rows, so it may reach up to one cell
 * beyond the area's right and bottom edges. Cells outside the source, or on its nodata, get the
 * source's nodata value (-9999 when it declares none).
 */
export async function buildAnalysisGrid(options: AnalysisGridOptions): Promise<Grid> {
  const { cellSizeM, signal, onProgress } = options;
  if (!(cellSizeM > 0)) throw new RangeError(`cellSizeM must be positive, got ${cellSizeM}`);
  const crs = options.sourceCrs ?? 'EPSG:28992';
  const area = toCrs(options.bbox, options.bboxCrs ?? crs, crs);
  onProgress?.(0);
  const [minX, minY, maxX, maxY] = area;
  const margin = cellSizeM; // at least one source cell for any source finer than the grid
  const source = await readGeoTiff(options.source, {
    bbox: [minX - margin, minY - margin, maxX + margin, maxY + margin],
    ...(signal ? { signal } : {}),
  });
  if (source.crs !== crs) {
    throw new Error(`analysis grid: the source is in ${source.crs}, expected ${crs}`);
  }
  onProgress?.(0.5);
  const width = Math.max(1, Math.ceil((maxX - minX) / cellSizeM - 1e-9));
  const height = Math.max(1, Math.ceil((maxY - minY) / cellSizeM - 1e-9));
  const nodata = source.nodata ?? -9999;
  const values = new Float32Array(width * height);
  const sample = options.resample === 'nearest' ? valueAtNearest : valueAtBilinear;
  for (let row0 = 0; row0 < height; row0 += ROWS_PER_STEP) {
    signal?.throwIfAborted();
    const rowEnd = Math.min(height, row0 + ROWS_PER_STEP);
    for (let row = row0; row < rowEnd; row++) {
      const y = maxY - (row + 0.5) * cellSizeM;
      for (let col = 0; col < width; col++) {
        const value = sample(source, minX + (col + 0.5) * cellSizeM, y);
        values[row * width + col] = value ?? nodata;
      }
    }
    onProgress?.(rowEnd < height ? 0.5 + (0.5 * rowEnd) / height : 1);
    // Let other work (and an abort) in between steps of a large grid.
    if (rowEnd < height) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return {
    width,
    height,
    values,
    geotransform: [minX, cellSizeM, 0, maxY, 0, -cellSizeM],
    crs,
    nodata,
  };
}

/** The box around the four converted corners of `bbox` (identity when the CRSs are equal). */
function toCrs(bbox: BBox, from: string, to: string): BBox {
  if (from === to) return bbox;
  const convert = transformer(from, to);
  const [a, b, c, d] = bbox;
  const corners = [convert(a, b), convert(c, b), convert(a, d), convert(c, d)];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
