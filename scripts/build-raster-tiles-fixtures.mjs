// Writes the bad-input fixture of the raster-tiles test (test/components/raster-tiles.test.ts): the
// real WMS capabilities of the loopback MapServer (scripts/geo-servers.mjs), cut off in the middle
// of the document, as a server whose answer broke off would deliver it.
// Run: node scripts/build-raster-tiles-fixtures.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startGeoServers } from './geo-servers.mjs';

const OUT = fileURLToPath(new URL('../test/fixtures/rastertiles/', import.meta.url));
const servers = await startGeoServers();
if (!servers)
  throw new Error(
    'the geo servers are not installed (apt-get install cgi-mapserver lighttpd mapcache-cgi)',
  );
try {
  const url = `${servers.wms}SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0`;
  const text = await (await fetch(url)).text();
  // Loopback URLs of this run mean nothing later: name a fixed host instead.
  const stable = text.replaceAll(servers.base, 'http://127.0.0.1:8091');
  const cut = stable.slice(0, Math.floor(stable.length * 0.6));
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}wms-capabilities-truncated.xml`, cut);
  console.log(`wrote ${cut.length} of ${stable.length} characters`);
} finally {
  servers.stop();
}
