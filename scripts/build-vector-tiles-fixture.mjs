#!/usr/bin/env node
/**
 * Builds the vector-tile fixtures of test/fixtures/vector-tiles/ from the shipped Delft data:
 *
 * - xyz/{z}/{x}/{y}.pbf: MVT tiles (uncompressed), zooms 13-17, layers `panden` (buildings.geojson:
 *   identificatiebagpnd, ahn3_h_dak_70p, ahn3_h_maaiveld) and `bgt` (bgt-landcover.geojson: bgt_laag),
 *   with feature ids (1-based, per layer, in file order), written by GDAL's MVT driver (`ogr2ogr -f MVT`, GDAL 3.6 writes no PMTiles);
 * - xyz/tiles.json: a TileJSON 3.0 for that directory (relative tile URL);
 * - delft.pmtiles: the same tiles (gzip) in one PMTiles v3 archive, by scripts/pmtiles-writer.mjs,
 *   then read back with the `pmtiles` npm reader and compared tile by tile;
 * - delft-bad-magic.pmtiles (the archive with "XX" for its magic) and delft-truncated.pmtiles (cut
 *   in the middle of the tile data): bad input for the tests.
 *
 * Needs `ogr2ogr` (gdal-bin); the output is committed, so CI does not. Run: node scripts/build-vector-tiles-fixture.mjs
 */

import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PMTiles } from 'pmtiles';
import { Compression, TileType, writePmtiles } from './pmtiles-writer.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, 'src/data/delft');
const OUT = join(ROOT, 'test/fixtures/vector-tiles');
const MIN_ZOOM = 13;
const MAX_ZOOM = 17;
const ATTRIBUTION = 'BAG / BGT: Kadaster (CC0); heights: AHN (CC0)';

function ogr2ogr(args) {
  execFileSync('ogr2ogr', args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

const work = mkdtempSync(join(tmpdir(), 'vector-tiles-'));
try {
  // One GeoPackage with both layers, so one MVT run writes both into every tile.
  const gpkg = join(work, 'delft.gpkg');
  ogr2ogr([
    '-f',
    'GPKG',
    gpkg,
    join(DATA, 'buildings.geojson'),
    '-nln',
    'panden',
    '-select',
    'identificatiebagpnd,ahn3_h_dak_70p,ahn3_h_maaiveld',
  ]);
  ogr2ogr([
    '-update',
    '-f',
    'GPKG',
    gpkg,
    join(DATA, 'bgt-landcover.geojson'),
    '-nln',
    'bgt',
    '-select',
    'bgt_laag',
  ]);
  const mvtDir = join(work, 'mvt');
  ogr2ogr([
    // Feature ids (the GeoPackage fid) in every tile: a building cut by tile edges keeps one id.
    '-preserve_fid',
    '-f',
    'MVT',
    mvtDir,
    gpkg,
    '-dsco',
    `MINZOOM=${MIN_ZOOM}`,
    '-dsco',
    `MAXZOOM=${MAX_ZOOM}`,
    '-dsco',
    'COMPRESS=NO',
    '-dsco',
    'FORMAT=DIRECTORY',
    '-dsco',
    'TILE_EXTENSION=pbf',
  ]);
  const gdalMetadata = JSON.parse(readFileSync(join(mvtDir, 'metadata.json'), 'utf8'));
  const { vector_layers: vectorLayers } = JSON.parse(gdalMetadata.json);
  const bounds = gdalMetadata.bounds.split(',').map(Number);
  const [centerLon, centerLat] = gdalMetadata.center.split(',').map(Number);

  // The tiles GDAL wrote (it skips empty ones).
  const tiles = [];
  for (const z of readdirSync(mvtDir).filter((n) => /^\d+$/.test(n)))
    for (const x of readdirSync(join(mvtDir, z)))
      for (const file of readdirSync(join(mvtDir, z, x))) {
        const y = file.replace(/\.pbf$/, '');
        tiles.push({ z: +z, x: +x, y: +y, data: readFileSync(join(mvtDir, z, x, file)) });
      }
  tiles.sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y);

  rmSync(OUT, { recursive: true, force: true });
  for (const t of tiles) {
    mkdirSync(join(OUT, 'xyz', `${t.z}`, `${t.x}`), { recursive: true });
    writeFileSync(join(OUT, 'xyz', `${t.z}`, `${t.x}`, `${t.y}.pbf`), t.data);
  }
  const layers = vectorLayers.map(({ id, fields, minzoom, maxzoom }) => ({
    id,
    fields,
    minzoom,
    maxzoom,
  }));
  const tileJson = {
    tilejson: '3.0.0',
    name: 'Delft: BAG buildings and BGT land cover',
    attribution: ATTRIBUTION,
    tiles: ['{z}/{x}/{y}.pbf'],
    minzoom: MIN_ZOOM,
    maxzoom: MAX_ZOOM,
    bounds,
    center: [centerLon, centerLat, 16],
    vector_layers: layers,
  };
  writeFileSync(join(OUT, 'xyz', 'tiles.json'), JSON.stringify(tileJson, null, 2) + '\n');

  const archive = writePmtiles(
    tiles.map((t) => ({ ...t, data: gzipSync(t.data, { level: 9 }) })),
    {
      metadata: {
        name: tileJson.name,
        description: 'Fixture of Tweeling: scripts/build-vector-tiles-fixture.mjs',
        attribution: ATTRIBUTION,
        vector_layers: layers,
      },
      tileType: TileType.mvt,
      tileCompression: Compression.gzip,
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      bounds,
      center: [centerLon, centerLat, 16],
    },
  );
  writeFileSync(join(OUT, 'delft.pmtiles'), archive);

  // Read it back with the reference reader: header, metadata and every tile.
  const source = {
    getKey: () => 'delft.pmtiles',
    getBytes: async (offset, length) => ({
      data: archive.buffer.slice(archive.byteOffset + offset, archive.byteOffset + offset + length),
    }),
  };
  const reader = new PMTiles(source);
  const header = await reader.getHeader();
  const check = (ok, what) => {
    if (!ok) throw new Error(`read-back check failed: ${what}`);
  };
  check(header.specVersion === 3 && header.tileType === 1, 'spec version 3, MVT');
  check(header.minZoom === MIN_ZOOM && header.maxZoom === MAX_ZOOM, 'zoom range');
  check(header.numAddressedTiles === tiles.length, 'addressed tile count');
  const metadata = await reader.getMetadata();
  check(metadata.vector_layers.map((l) => l.id).join() === 'panden,bgt', 'vector layers');
  for (const t of tiles) {
    const read = await reader.getZxy(t.z, t.x, t.y);
    check(read && Buffer.from(read.data).equals(t.data), `tile ${t.z}/${t.x}/${t.y}`);
  }
  // A tile GDAL did not write (outside the data) is absent from the archive.
  const outside = await reader.getZxy(MAX_ZOOM, tiles.at(-1).x + 5, tiles.at(-1).y);
  check(outside === undefined, 'a tile outside the data is absent');
  check(gunzipSync(gzipSync(tiles[0].data)).equals(tiles[0].data), 'gzip round trip');

  // Bad input for the tests.
  const badMagic = Buffer.from(archive);
  badMagic.write('XX', 0, 'ascii');
  writeFileSync(join(OUT, 'delft-bad-magic.pmtiles'), badMagic);
  const cut = header.tileDataOffset + Math.floor((header.tileDataLength ?? 0) / 2);
  writeFileSync(join(OUT, 'delft-truncated.pmtiles'), archive.subarray(0, cut));

  const perZoom = {};
  for (const t of tiles) perZoom[t.z] = (perZoom[t.z] ?? 0) + 1;
  console.log(
    `vector tiles: ${tiles.length} tiles (${JSON.stringify(perZoom)}), ` +
      `${tiles.reduce((n, t) => n + t.data.length, 0)} bytes as MVT; ` +
      `delft.pmtiles ${archive.length} bytes (tile data at ${header.tileDataOffset}); ` +
      `truncated at ${cut}; read back OK`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
