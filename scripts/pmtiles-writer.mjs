/**
 * A small PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) for
 * fixtures: one root directory (no leaf directories), gzip internal compression, identical tile
 * contents stored once. Enough for a few thousand tiles; the npm `pmtiles` package only reads.
 *
 * Layout: 127-byte header | root directory | JSON metadata | tile data.
 */

import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** Header size in bytes (spec v3). */
export const HEADER_BYTES = 127;

/** Compression codes of the header. */
export const Compression = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 };
/** Tile type codes of the header. */
export const TileType = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5 };

/**
 * The Hilbert tile id of z/x/y (spec v3, "Tile IDs"): all tiles of lower zooms count first, then
 * the position of (x, y) on the Hilbert curve over the 2^z x 2^z grid. Written from the spec, not
 * taken from the reader, so reading a written archive back checks both.
 */
export function tileId(z, x, y) {
  if (z > 26) throw new RangeError(`zoom ${z} is above 26`);
  const n = 2 ** z;
  if (x < 0 || y < 0 || x >= n || y >= n)
    throw new RangeError(`tile ${z}/${x}/${y} is outside zoom ${z}`);
  let id = (4 ** z - 1) / 3;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    id += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve inside it has the standard orientation.
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - (x % s);
        y = s - 1 - (y % s);
      }
      [x, y] = [y, x];
    }
  }
  return id;
}

function pushVarint(bytes, value) {
  // Values go up to 2^53: no bit operators (they work on 32 bits).
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) + 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
}

/** A directory (entries sorted by tile id) as spec bytes, before compression. */
export function serializeDirectory(entries) {
  const bytes = [];
  pushVarint(bytes, entries.length);
  let last = 0;
  for (const e of entries) {
    pushVarint(bytes, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) pushVarint(bytes, e.runLength);
  for (const e of entries) pushVarint(bytes, e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    // 0 means "right after the previous entry's data"; otherwise offset + 1.
    if (previous && e.offset === previous.offset + previous.length) pushVarint(bytes, 0);
    else pushVarint(bytes, e.offset + 1);
  });
  return Uint8Array.from(bytes);
}

function writeUint64(view, at, value) {
  view.setUint32(at, value % 2 ** 32, true);
  view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
}

/**
 * Writes an archive.
 * @param {{ z: number, x: number, y: number, data: Uint8Array }[]} tiles tile bytes as stored (already compressed with `tileCompression`)
 * @param {{ metadata: object, tileType: number, tileCompression: number, minZoom: number, maxZoom: number,
 *   bounds: [number, number, number, number], center: [number, number, number] }} options
 * @returns {Buffer} the archive bytes
 */
export function writePmtiles(tiles, options) {
  const sorted = tiles
    .map((t) => ({ ...t, tileId: tileId(t.z, t.x, t.y) }))
    .sort((a, b) => a.tileId - b.tileId);
  const contents = new Map(); // sha256 -> { offset, length }
  const chunks = [];
  let dataLength = 0;
  const entries = [];
  for (const tile of sorted) {
    const hash = createHash('sha256').update(tile.data).digest('hex');
    let content = contents.get(hash);
    if (!content) {
      content = { offset: dataLength, length: tile.data.length };
      contents.set(hash, content);
      chunks.push(tile.data);
      dataLength += tile.data.length;
    }
    const previous = entries.at(-1);
    // Consecutive ids with the same content become one run.
    if (
      previous &&
      previous.offset === content.offset &&
      previous.tileId + previous.runLength === tile.tileId
    )
      previous.runLength++;
    else
      entries.push({
        tileId: tile.tileId,
        offset: content.offset,
        length: content.length,
        runLength: 1,
      });
  }
  const root = gzipSync(serializeDirectory(entries));
  const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata), 'utf8'));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const tileDataOffset = metadataOffset + metadata.length;

  const header = new ArrayBuffer(HEADER_BYTES);
  const view = new DataView(header);
  new Uint8Array(header).set(Buffer.from('PMTiles', 'ascii'), 0);
  view.setUint8(7, 3);
  writeUint64(view, 8, rootOffset);
  writeUint64(view, 16, root.length);
  writeUint64(view, 24, metadataOffset);
  writeUint64(view, 32, metadata.length);
  writeUint64(view, 40, tileDataOffset); // no leaf directories: offset of the (empty) section
  writeUint64(view, 48, 0);
  writeUint64(view, 56, tileDataOffset);
  writeUint64(view, 64, dataLength);
  writeUint64(view, 72, sorted.length); // addressed tiles
  writeUint64(view, 80, entries.length); // tile entries
  writeUint64(view, 88, contents.size); // tile contents
  view.setUint8(96, 1); // clustered: contents in tile id order
  view.setUint8(97, Compression.gzip);
  view.setUint8(98, options.tileCompression);
  view.setUint8(99, options.tileType);
  view.setUint8(100, options.minZoom);
  view.setUint8(101, options.maxZoom);
  const e7 = (deg) => Math.round(deg * 1e7);
  const [minLon, minLat, maxLon, maxLat] = options.bounds;
  view.setInt32(102, e7(minLon), true);
  view.setInt32(106, e7(minLat), true);
  view.setInt32(110, e7(maxLon), true);
  view.setInt32(114, e7(maxLat), true);
  const [centerLon, centerLat, centerZoom] = options.center;
  view.setUint8(118, centerZoom);
  view.setInt32(119, e7(centerLon), true);
  view.setInt32(123, e7(centerLat), true);
  return Buffer.concat([Buffer.from(header), root, metadata, ...chunks]);
}
