// Starts the geo servers of the tests and examples on loopback: lighttpd with MapServer 8 (OGC API
// Features and WMS over the shipped Delft data) and MapCache (WMTS and XYZ tiles of that WMS), all
// from Debian (`apt-get install cgi-mapserver lighttpd mapcache-cgi`; `.ci/run` and `npm test`
// install them as root). Without them `startGeoServers` returns undefined and the tests that need
// them say so. Run alone: `node scripts/geo-servers.mjs [port]` prints the URLs and serves until
// stopped.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('./geo-servers/', import.meta.url));
const DATA = fileURLToPath(new URL('../src/data/delft/', import.meta.url));

/** The Debian binaries the servers need. */
export const GEO_SERVER_BINARIES = [
  '/usr/sbin/lighttpd',
  '/usr/lib/cgi-bin/mapserv',
  '/usr/lib/cgi-bin/mapcache',
];

/** The apt packages that provide them. */
export const GEO_SERVER_PACKAGES = ['cgi-mapserver', 'lighttpd', 'mapcache-cgi'];

/** Whether every binary is installed. */
export function geoServersAvailable() {
  return GEO_SERVER_BINARIES.every((path) => existsSync(path));
}

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function fill(template, values) {
  return Object.entries(values).reduce(
    (text, [key, value]) => text.replaceAll(`@${key}@`, value),
    template,
  );
}

async function waitUntilUp(url, child, timeoutMs = 15000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`lighttpd exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the geo servers did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts lighttpd + MapServer + MapCache on loopback.
 * @param {{ port?: number, prefix?: string, publicBase?: string }} [options] `prefix`: a path prefix
 *   the services live under (e.g. `/geo` behind a proxy); `publicBase`: the origin + prefix the
 *   services' own links use (default: this server's own URL).
 * @returns {Promise<undefined | { base: string, ogcapi: string, wms: string, wmts: string, xyz: string, stop: () => void }>}
 */
export async function startGeoServers(options = {}) {
  if (!geoServersAvailable()) return undefined;
  const port = options.port ?? (await freePort());
  const prefix = options.prefix ?? '';
  const base = options.publicBase ?? `http://127.0.0.1:${port}${prefix}`;
  const dir = mkdtempSync(join(tmpdir(), 'tweeling-geo-'));
  mkdirSync(join(dir, 'www'));
  mkdirSync(join(dir, 'cache'));
  const values = {
    PORT: String(port),
    DIR: dir,
    PREFIX: prefix,
    BASE: base,
    DATA,
    CACHE: join(dir, 'cache'),
  };
  for (const file of ['lighttpd.conf', 'mapserver.conf', 'delft.map', 'mapcache.xml']) {
    writeFileSync(join(dir, file), fill(readFileSync(join(HERE, file), 'utf8'), values));
  }
  // MapCache asks MapServer for its tiles directly, not through a proxy.
  const own = `http://127.0.0.1:${port}${prefix}`;
  writeFileSync(
    join(dir, 'mapcache.xml'),
    fill(readFileSync(join(HERE, 'mapcache.xml'), 'utf8'), { ...values, BASE: own }),
  );
  const child = spawn('/usr/sbin/lighttpd', ['-D', '-f', join(dir, 'lighttpd.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`${own}/cgi-bin/mapserv/delft/ogcapi/conformance?f=json`, child);
  } catch (error) {
    stop();
    throw new Error(`${error instanceof Error ? error.message : error}\n${stderr}`);
  }
  process.once('exit', stop);
  return {
    base,
    ogcapi: `${base}/cgi-bin/mapserv/delft/ogcapi`,
    wms: `${base}/cgi-bin/mapserv?map=delft&`,
    wmts: `${base}/cgi-bin/mapcache/wmts`,
    xyz: `${base}/cgi-bin/mapcache/gmaps/delft@GoogleMapsCompatible/{z}/{x}/{y}.png`,
    stop,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8091);
  const servers = await startGeoServers({ port });
  if (!servers) {
    console.error(`missing: apt-get install ${GEO_SERVER_PACKAGES.join(' ')}`);
    process.exit(1);
  }
  const { stop, ...urls } = servers;
  console.log(JSON.stringify(urls, null, 2));
  process.on('SIGINT', () => {
    stop();
    process.exit(0);
  });
}
