/**
 * The coordinate reference system of a CityJSON file: its `metadata.referenceSystem` (or a `crs`
 * attribute overriding it) as an EPSG code, and the horizontal CRS its x/y are reprojected from.
 */

/** A CRS problem: missing, unreadable or not supported. Its `name` crosses the worker boundary. */
export class CityJsonCrsError extends Error {
  override readonly name = 'CityJsonCrsError';
}

/**
 * Horizontal CRS (for proj4) of each supported EPSG code. 7415 is the compound RD New + NAP height
 * that 3DBAG and most Dutch CityJSON use: x/y are RD New (28992), z is metres above NAP.
 */
const HORIZONTAL_CRS: Record<number, string> = {
  7415: 'EPSG:28992',
  28992: 'EPSG:28992',
  4326: 'EPSG:4326',
  4979: 'EPSG:4326',
  3857: 'EPSG:3857',
};

/** The EPSG codes a CityJSON source can be in. */
export const SUPPORTED_EPSG_CODES: readonly number[] = Object.keys(HORIZONTAL_CRS).map(Number);

/**
 * The EPSG code in a reference-system string, or undefined when it names none. Reads the forms
 * CityJSON uses and users write: `urn:ogc:def:crs:EPSG::7415`, `urn:ogc:def:crs:EPSG:9.8:7415`,
 * `https://www.opengis.net/def/crs/EPSG/0/7415` and `EPSG:7415`.
 */
export function epsgCodeOf(referenceSystem: string): number | undefined {
  const match = /EPSG(?:::|:[\d.]*:|\/[\d.]+\/|:)(\d+)\/?\s*$/i.exec(referenceSystem.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * The horizontal CRS (`EPSG:28992`, ...) to reproject a file's x/y from: the `override` (the
 * source's `crs` attribute) when given, else the file's `metadata.referenceSystem`.
 * @throws CityJsonCrsError naming the CRS when it is missing, unreadable or not supported.
 */
export function horizontalCrsOf(
  referenceSystem: string | undefined,
  override: string | undefined,
): { epsg: number; horizontal: string } {
  const given = override ?? referenceSystem;
  const from = override ? 'the crs attribute' : 'metadata.referenceSystem';
  if (!given)
    throw new CityJsonCrsError(
      'no CRS: the file has no metadata.referenceSystem; give the crs attribute (e.g. crs="EPSG:7415")',
    );
  const epsg = epsgCodeOf(given);
  const horizontal = epsg === undefined ? undefined : HORIZONTAL_CRS[epsg];
  if (epsg === undefined || !horizontal)
    throw new CityJsonCrsError(
      `unknown CRS "${given}" (${from}); supported: ${SUPPORTED_EPSG_CODES.map((c) => `EPSG:${c}`).join(', ')}`,
    );
  return { epsg, horizontal };
}
