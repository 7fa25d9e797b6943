// A test-runner plugin that starts the loopback geo servers (scripts/geo-servers.mjs: MapServer OGC
// API Features + WMS, MapCache WMTS/XYZ behind lighttpd) with the test run, lazily on the first
// request for `/test-geo-servers.json`, which answers their URLs (`{ available: false, reason }` when
// the Debian packages are missing). Stopped when the run ends.
import { GEO_SERVER_PACKAGES, startGeoServers } from './geo-servers.mjs';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function geoServersPlugin() {
  /** @type {Promise<object> | undefined} */
  let started;
  /** @type {(() => void) | undefined} */
  let stop;
  const start = () =>
    (started ??= startGeoServers().then(
      (servers) => {
        if (!servers)
          return {
            available: false,
            reason: `not installed: apt-get install ${GEO_SERVER_PACKAGES.join(' ')}`,
          };
        stop = servers.stop;
        const { base, ogcapi, wms, wmts, xyz } = servers;
        return { available: true, base, ogcapi, wms, wmts, xyz };
      },
      (error) => ({ available: false, reason: String(error) }),
    ));
  return {
    name: 'tweeling-geo-servers',
    async serve(context) {
      if (context.path !== '/test-geo-servers.json') return undefined;
      return { body: JSON.stringify(await start()), type: 'application/json' };
    },
    serverStop() {
      stop?.();
    },
  };
}
