/**
 * The public header block of a LAS/LAZ file (ASPRS LAS 1.0-1.4), read with a DataView, and the checks
 * that a file is whole before a decoder reads it: the LAZ decoder reads past the end of a truncated
 * buffer without noticing, so truncation is caught here.
 */

/** The facts of a LAS/LAZ public header block. */
export interface LasHeader {
  /** `major.minor`, e.g. `1.2`. */
  version: string;
  /** Point data record format (0-10), without the LAZ compression bits. */
  pointFormat: number;
  /** Bytes per point record. */
  pointRecordLength: number;
  /** Points in the file (the legacy 32-bit count, or the 64-bit count of LAS 1.4). */
  pointCount: number;
  /** Byte offset of the first point record. */
  pointDataOffset: number;
  /** Whether the point records are LASzip-compressed (LAZ). */
  compressed: boolean;
  /** Scale of the stored integer coordinates, x, y, z. */
  scale: [number, number, number];
  /** Offset of the stored integer coordinates, x, y, z. */
  offset: [number, number, number];
  /** Bounds from the header: `[minX, minY, minZ, maxX, maxY, maxZ]`, in the file's CRS. */
  bounds: [number, number, number, number, number, number];
  /** The header's system identifier and generating software (trimmed ASCII). */
  systemIdentifier: string;
  /** The software that wrote the file (trimmed ASCII). */
  generatingSoftware: string;
}

/** Smallest LAS public header block (LAS 1.0-1.2), bytes. */
const MIN_HEADER_SIZE = 227;

function ascii(view: DataView, offset: number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const code = view.getUint8(offset + i);
    if (code === 0) break;
    text += String.fromCharCode(code);
  }
  return text.trim();
}

/**
 * Reads and checks the public header block of LAS/LAZ `bytes`.
 * @throws Error with a reason a user can act on: not a LAS file, an unsupported version, or a file
 * that is shorter than its header says (truncated).
 */
export function readLasHeader(bytes: ArrayBuffer): LasHeader {
  if (bytes.byteLength < MIN_HEADER_SIZE) {
    throw new Error(`not a LAS/LAZ file: ${bytes.byteLength} bytes, shorter than a LAS header`);
  }
  const view = new DataView(bytes);
  if (ascii(view, 0, 4) !== 'LASF') throw new Error('not a LAS/LAZ file: no "LASF" signature');
  const major = view.getUint8(24);
  const minor = view.getUint8(25);
  if (major !== 1 || minor > 4) throw new Error(`unsupported LAS version ${major}.${minor}`);
  const headerSize = view.getUint16(94, true);
  const pointDataOffset = view.getUint32(96, true);
  const formatByte = view.getUint8(104);
  const pointRecordLength = view.getUint16(105, true);
  let pointCount = view.getUint32(107, true);
  if (minor === 4 && headerSize >= 375 && bytes.byteLength >= 255) {
    // LAS 1.4 keeps the 64-bit count at 247; the legacy count is 0 for formats 6-10.
    const count64 = Number(view.getBigUint64(247, true));
    if (count64 > 0) pointCount = count64;
  }
  const f64 = (at: number): number => view.getFloat64(at, true);
  const header: LasHeader = {
    version: `${major}.${minor}`,
    pointFormat: formatByte & 0x3f,
    pointRecordLength,
    pointCount,
    pointDataOffset,
    compressed: (formatByte & 0xc0) !== 0,
    scale: [f64(131), f64(139), f64(147)],
    offset: [f64(155), f64(163), f64(171)],
    // The header stores max x, min x, max y, min y, max z, min z.
    bounds: [f64(187), f64(203), f64(219), f64(179), f64(195), f64(211)],
    systemIdentifier: ascii(view, 26, 32),
    generatingSoftware: ascii(view, 58, 32),
  };
  checkWhole(view, header, headerSize);
  return header;
}

/** Throws when the header is inconsistent or the file is shorter than the header says. */
function checkWhole(view: DataView, header: LasHeader, headerSize: number): void {
  const length = view.byteLength;
  if (headerSize < MIN_HEADER_SIZE || header.pointDataOffset < headerSize) {
    throw new Error(
      `corrupt LAS header: header size ${headerSize}, point data at ${header.pointDataOffset}`,
    );
  }
  if (header.pointRecordLength < 20 || !header.scale.every((s) => Number.isFinite(s) && s > 0)) {
    throw new Error('corrupt LAS header: bad point record length or coordinate scale');
  }
  if (!header.compressed) {
    const needed = header.pointDataOffset + header.pointCount * header.pointRecordLength;
    if (needed > length) {
      throw new Error(`truncated LAS file: ${length} bytes, the header needs ${needed}`);
    }
    return;
  }
  // LAZ: the point data starts with the offset of the chunk table, which the compressor writes after
  // the last chunk; -1 means the offset is stored in the file's last 8 bytes instead.
  if (header.pointDataOffset + 8 > length) {
    throw new Error(`truncated LAZ file: ${length} bytes, no point data`);
  }
  let chunkTable = view.getBigInt64(header.pointDataOffset, true);
  if (chunkTable === -1n) chunkTable = view.getBigInt64(length - 8, true);
  if (chunkTable <= BigInt(header.pointDataOffset) || chunkTable + 8n > BigInt(length)) {
    throw new Error(
      `truncated LAZ file: ${length} bytes, but its chunk table is at byte ${chunkTable}`,
    );
  }
}
