// A vite plugin for `npm start`: starts the loopback geo servers (scripts/geo-servers.mjs) when the
// Debian packages are installed and serves them under /geo/ on the dev server's own origin, so the
// OGC API, WMS and WMTS example pages work offline. Without the packages it says how to get them.
import {
  GEO_SERVER_PACKAGES,
  freePort,
  geoServersAvailable,
  startGeoServers,
} from './geo-servers.mjs';

/** @returns {Promise<import('vite').Plugin>} */
export async function geoServersVite() {
  const port = await freePort();
  return {
    name: 'tweeling-geo-servers',
    config: () => ({ server: { proxy: { '/geo/': { target: `http://127.0.0.1:${port}` } } } }),
    configureServer(server) {
      if (!geoServersAvailable()) {
        server.config.logger.info(
          `geo servers off (the OGC API / WMS / WMTS examples need them): apt-get install ${GEO_SERVER_PACKAGES.join(' ')}`,
        );
        return;
      }
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address();
        const origin =
          address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : '';
        startGeoServers({ port, prefix: '/geo', publicBase: `${origin}/geo` }).then(
          (servers) => {
            if (!servers) return;
            server.config.logger.info(`geo servers: ${servers.base} (OGC API, WMS, WMTS, XYZ)`);
            server.httpServer?.once('close', servers.stop);
          },
          (error) => server.config.logger.error(`geo servers failed: ${error}`),
        );
      });
    },
  };
}
