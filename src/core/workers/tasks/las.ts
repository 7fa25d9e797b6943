/**
 * Worker tasks for LAS/LAZ point-cloud decoding (@loaders.gl/las with worker: false). The types join {@link WorkerTasks} (messages.ts) and the
 * handlers join the worker's table (handlers.ts); heavy code loads inside a handler with `import()`.
 *
 * `las-decode` request: `{ bytes, maxPoints, crs }`: the file's bytes (transfer them), the most points
 * to keep and the horizontal CRS (`EPSG:28992`, `EPSG:4326` or `EPSG:3857`, see `pointCloudCrs`).
 * Response: a {@link DecodedPointCloud}; its `positions` and `classification` buffers are moved back.
 * Progress: the share of the points decoded, 0..1. A file that is not LAS/LAZ, is truncated or has an
 * unsupported version fails with an Error naming the reason.
 */
import type { LasHeader } from '../../sources/pointcloud/las-header.js';
import type { DecodedPointCloud } from '../../sources/pointcloud/point-cloud.js';
import type { TaskContext, TaskHandler } from '../serve.js';

/** The tasks of this file, by name: `request`, `response` and `progress` types of each. */
export interface LasTasks {
  /** Decodes a LAS/LAZ file into drawable points (see the file comment). */
  'las-decode': {
    request: { bytes: ArrayBuffer; maxPoints: number; crs: string };
    response: DecodedPointCloud;
    progress: number;
  };
}

/** The 1st and 99th percentile of the heights, from a strided sample of at most about 20,000. */
function percentiles(positions: Float32Array, count: number): [number, number] {
  const step = Math.max(1, Math.floor(count / 20_000));
  const sample: number[] = [];
  for (let i = 0; i < count; i += step) sample.push(positions[i * 3 + 2] as number);
  sample.sort((a, b) => a - b);
  const at = (q: number): number =>
    sample[Math.min(sample.length - 1, Math.floor(q * sample.length))] ?? 0;
  return [at(0.01), at(0.99)];
}

/** Decodes the points with loaders.gl's laz-perf decoder (asm.js, bundled: nothing is fetched). */
async function decodePoints(
  bytes: ArrayBuffer,
  header: LasHeader,
  skip: number,
  context: TaskContext<number>,
): Promise<{ xyz: Float64Array; classification: Uint8Array }> {
  // Destructured straight from import(): rollup then keeps only LASLoader (not the laz-rs decoder,
  // whose .wasm would be looked up next to the bundle).
  const { parse } = await import('@loaders.gl/core');
  const { LASLoader } = await import('@loaders.gl/las');
  if (header.pointFormat > 3 || header.version === '1.4') {
    throw new Error(
      `LAS ${header.version} point format ${header.pointFormat} is not supported (LAS 1.0-1.3, formats 0-3)`,
    );
  }
  const mesh = await parse(bytes, LASLoader, {
    worker: false,
    las: { shape: 'mesh', fp64: true, skip, colorDepth: 8 },
    onProgress: (batch: { progress?: number }) => context.progress(batch.progress ?? 0),
  });
  const xyz = mesh.attributes.POSITION?.value;
  const classification = mesh.attributes.classification?.value;
  if (!(xyz instanceof Float64Array) || !(classification instanceof Uint8Array)) {
    throw new Error('the LAS decoder returned no positions or classes');
  }
  return { xyz, classification };
}

/** The `las-decode` handler: header checks, decoding, thinning, conversion to lon/lat offsets. */
const lasDecode: TaskHandler<'las-decode'> = async ({ bytes, maxPoints, crs }, context) => {
  const [{ readLasHeader }, { thinningPlan }, { fitLonLat }, { transformer }] = await Promise.all([
    import('../../sources/pointcloud/las-header.js'),
    import('../../sources/pointcloud/point-cloud.js'),
    import('../../sources/pointcloud/lonlat-fit.js'),
    import('../../raster/crs.js'),
  ]);
  const header = readLasHeader(bytes);
  const project = transformer(crs, 'EPSG:4326');
  const plan = thinningPlan(header.pointCount, maxPoints);
  const { xyz, classification: decodedClasses } = await decodePoints(
    bytes,
    header,
    plan.skip,
    context,
  );
  await context.checkpoint();
  const decodedCount = decodedClasses.length;
  const drawnCount = Math.min(decodedCount, plan.drawn);
  // Formats 0-5 keep flags in the top 3 bits of the class byte.
  const classes: Record<number, number> = {};
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < decodedCount; i++) {
    const code = (decodedClasses[i] as number) & 0x1f;
    classes[code] = (classes[code] ?? 0) + 1;
  }
  const pick = (k: number): number => Math.floor((k * decodedCount) / drawnCount);
  for (let k = 0; k < drawnCount; k++) {
    const i = pick(k);
    const x = xyz[i * 3] as number;
    const y = xyz[i * 3 + 1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (drawnCount === 0) [minX, minY, maxX, maxY] = header.bounds.filter((_, j) => j % 3 !== 2);
  const fit = fitLonLat(project, [minX, minY, maxX, maxY]);
  const origin = fit.toLonLat((minX + maxX) / 2, (minY + maxY) / 2);
  const positions = new Float32Array(drawnCount * 3);
  const classification = new Uint8Array(drawnCount);
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let k = 0; k < drawnCount; k++) {
    if (k % 200_000 === 0) await context.checkpoint();
    const i = pick(k);
    const [lon, lat] = fit.toLonLat(xyz[i * 3] as number, xyz[i * 3 + 1] as number);
    const z = xyz[i * 3 + 2] as number;
    positions[k * 3] = lon - origin[0];
    positions[k * 3 + 1] = lat - origin[1];
    positions[k * 3 + 2] = z;
    classification[k] = (decodedClasses[i] as number) & 0x1f;
    if (z < zMin) zMin = z;
    if (z > zMax) zMax = z;
  }
  // RD New's grid north is within a degree of true north: the four corners bound the box.
  const corners = [
    fit.toLonLat(minX, minY),
    fit.toLonLat(minX, maxY),
    fit.toLonLat(maxX, minY),
    fit.toLonLat(maxX, maxY),
  ];
  const lons = corners.map(([lon]) => lon);
  const lats = corners.map(([, lat]) => lat);
  return {
    positions,
    classification,
    origin,
    header,
    decodedCount,
    drawnCount,
    skip: plan.skip,
    classes,
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    zRange: drawnCount > 0 ? [zMin, zMax] : [0, 0],
    zPercentiles: drawnCount > 0 ? percentiles(positions, drawnCount) : [0, 0],
    crs,
    fitErrorM: fit.maxErrorM,
  };
};

/** The handlers of this file's tasks. */
export const lasHandlers: { [T in keyof LasTasks]: TaskHandler<T> } = {
  'las-decode': lasDecode,
};
