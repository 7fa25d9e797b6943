import proj4 from 'proj4';

/**
 * RD New (Amersfoort / RD New, EPSG:28992), the standard definition with the 7-parameter towgs84
 * datum shift. Accurate to about 1 m against RDNAPTRANS™ (which needs the correction grid this lacks).
 */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 ' +
  '+y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 ' +
  '+units=m +no_defs';

proj4.defs('EPSG:28992', RD_NEW_PROJ4);

const rdToWgs84 = proj4('EPSG:28992', 'EPSG:4326');

/** Converts RD New `[x, y]` (metres, EPSG:28992) to WGS 84 `[lon, lat]` (degrees, EPSG:4326). */
export function rdToLonLat(x: number, y: number): [number, number] {
  const [lon = NaN, lat = NaN] = rdToWgs84.forward([x, y]);
  return [lon, lat];
}

/** Converts WGS 84 `[lon, lat]` (degrees, EPSG:4326) to RD New `[x, y]` (metres, EPSG:28992). */
export function lonLatToRd(lon: number, lat: number): [number, number] {
  const [x = NaN, y = NaN] = rdToWgs84.inverse([lon, lat]);
  return [x, y];
}

/**
 * A converter between two CRSs known here (`EPSG:28992`, `EPSG:4326`, `EPSG:3857` and any that
 * `proj4.defs` was given). Returns the identity for equal codes.
 * @throws Error naming the CRS when one is unknown.
 */
export function transformer(from: string, to: string): (x: number, y: number) => [number, number] {
  if (from === to) return (x, y) => [x, y];
  for (const code of [from, to]) {
    if (!proj4.defs(code)) throw new Error(`unknown CRS ${code}: only ${knownCrs()} are defined`);
  }
  const converter = proj4(from, to);
  return (x, y) => {
    const [a = NaN, b = NaN] = converter.forward([x, y]);
    return [a, b];
  };
}

function knownCrs(): string {
  return ['EPSG:28992', 'EPSG:4326', 'EPSG:3857'].join(', ');
}
