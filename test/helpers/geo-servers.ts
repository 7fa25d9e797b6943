/** The loopback geo servers of the test run (scripts/geo-servers-plugin.mjs). */
export interface GeoServers {
  /** Whether MapServer, MapCache and lighttpd are installed and running. */
  available: boolean;
  /** Why not, when not available. */
  reason?: string;
  /** Origin of lighttpd, e.g. `http://127.0.0.1:40123`. */
  base: string;
  /** The OGC API Features landing page of the Delft data (collections `buildings`, `landcover`). */
  ogcapi: string;
  /** The WMS endpoint (ends with `&`; layers `buildings`, `landcover`, `terrain`; EPSG:28992, 3857, 4326). */
  wms: string;
  /** The WMTS endpoint of MapCache (layer `delft`, matrix set `GoogleMapsCompatible`). */
  wmts: string;
  /** XYZ template of the same tiles (`{z}/{x}/{y}.png`). */
  xyz: string;
}

/**
 * The URLs of the loopback geo servers, started on first request. Throws when they are not
 * installed: the tests that need them fail with the apt command to run (CI installs them).
 */
export async function geoServers(): Promise<GeoServers> {
  const info = (await (await fetch('/test-geo-servers.json')).json()) as GeoServers;
  if (!info.available) throw new Error(`the geo servers are not available: ${info.reason ?? ''}`);
  return info;
}
