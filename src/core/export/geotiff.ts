import { writeArrayBuffer, type GeotiffWriterMetadata } from 'geotiff';
import type { Grid } from '../raster/grid.js';

/** Options of {@link gridToGeoTiff}. */
export interface GridToGeoTiffOptions {
  /**
   * Written to the TIFF `ImageDescription` tag (GDAL shows it as `TIFFTAG_IMAGEDESCRIPTION`), as
   * UTF-8. At most {@link MAX_DESCRIPTION_BYTES} bytes.
   */
  description?: string;
}

/**
 * The longest description, in UTF-8 bytes. geotiff's writer puts the whole header in the first
 * 1000 bytes of the file (the pixels start at byte 1000); the other tags take up to about 400.
 */
export const MAX_DESCRIPTION_BYTES = 400;

/** EPSG codes of geographic CRSs (latitude/longitude); every other EPSG code is written as projected. */
const GEOGRAPHIC_EPSG = new Set([4326, 4258, 4289, 4230, 4269, 4283, 4979]);

/**
 * Writes a grid as a single-band, uncompressed Float32 GeoTIFF that GDAL, QGIS and
 * `readGeoTiff` read: the placement as ModelTiepoint + ModelPixelScale (pixel-is-area), the CRS
 * as an EPSG GeoKey (`ProjectedCSTypeGeoKey` for EPSG:28992, `GeographicTypeGeoKey` for EPSG:4326),
 * and `GDAL_NODATA` when `grid.nodata` is set.
 *
 * @returns The bytes of the file (big-endian TIFF, one strip).
 * @throws RangeError when the grid is not north-up, its values do not match its size, its CRS is
 * not `EPSG:<code>`, or the description is too long.
 */
export async function gridToGeoTiff(
  grid: Grid,
  options: GridToGeoTiffOptions = {},
): Promise<ArrayBuffer> {
  const { width, height, values, geotransform, crs, nodata } = grid;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`gridToGeoTiff: the grid size ${width} x ${height} is not valid`);
  if (values.length !== width * height) {
    throw new RangeError(
      `gridToGeoTiff: the grid has ${values.length} values, not ${width} x ${height}`,
    );
  }
  const [originX, pixelWidth, rotationX, originY, rotationY, pixelHeight] = geotransform;
  if (rotationX !== 0 || rotationY !== 0 || !(pixelWidth > 0) || !(pixelHeight < 0)) {
    throw new RangeError(
      `gridToGeoTiff: only north-up grids can be written, the geotransform is [${geotransform.join(', ')}]`,
    );
  }
  const metadata: GeotiffWriterMetadata & { ImageDescription?: string } = {
    width,
    height,
    ModelTiepoint: [0, 0, 0, originX, originY, 0],
    ModelPixelScale: [pixelWidth, -pixelHeight, 0],
    GTRasterTypeGeoKey: 1, // RasterPixelIsArea: the tie point is the outer corner of the top-left cell
    ...crsKeys(crs),
    // The writer adds ExtraSamples = [0] unless told otherwise; a single grey band has no extra samples.
    ExtraSamples: [],
  };
  if (nodata !== undefined) metadata.GDAL_NODATA = Number.isNaN(nodata) ? 'nan' : String(nodata);
  if (options.description) metadata.ImageDescription = asciiBytes(options.description);
  // The writer encodes values by their array type: a Float32Array gives SampleFormat 3, 32 bits.
  return writeArrayBuffer(values, metadata);
}

/** The GeoKeys of an `EPSG:<code>` CRS. */
function crsKeys(crs: string): GeotiffWriterMetadata {
  const match = /^EPSG:(\d+)$/i.exec(crs);
  const code = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(code) || code <= 0 || code >= 32767)
    throw new RangeError(`gridToGeoTiff: the CRS "${crs}" is not an EPSG code (EPSG:<number>)`);
  return GEOGRAPHIC_EPSG.has(code)
    ? { GTModelTypeGeoKey: 2, GeographicTypeGeoKey: code }
    : { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: code };
}

/**
 * The UTF-8 bytes of `text` as a string of one character per byte: geotiff's writer stores each
 * character's code as one byte, so this is how UTF-8 (what GDAL reads) gets into an ASCII tag.
 */
function asciiBytes(text: string): string {
  const bytes = new TextEncoder().encode(text.replaceAll('\0', ''));
  if (bytes.length > MAX_DESCRIPTION_BYTES) {
    throw new RangeError(
      `gridToGeoTiff: the description is ${bytes.length} bytes, at most ${MAX_DESCRIPTION_BYTES} fit`,
    );
  }
  let result = '';
  for (const byte of bytes) result += String.fromCharCode(byte);
  return result;
}
