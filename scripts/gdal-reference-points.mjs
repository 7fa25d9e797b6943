#!/usr/bin/env node
/**
 * Makes the raster reference values and fixtures of test/fixtures/rasters/ with GDAL 3.6
 * (`apt-get install gdal-bin`; GDAL is on the development machine, not on CI, so the output is
 * committed):
 *
 * - gdallocationinfo.json: `gdallocationinfo -valonly -geoloc <tif> X Y` at 10 fixed RD New points
 *   (corners, edges, a cell boundary, nodata cells of the DSM) and one point outside, for the shipped
 *   DTM and DSM;
 * - gdaldem-hillshade.json: `gdaldem hillshade` (Horn) of the DTM and DSM, default sun (azimuth 315,
 *   altitude 45, z 1) and one other (azimuth 135, altitude 30, z 2), read back at fixed cells;
 * - slope-3x3.tif: a 3 x 3 plane rising 1 m per 1 m cell to the east, with its gdaldem hillshade;
 * - small GeoTIFFs for the fault tests: no-crs.tif (no georeferencing CRS), unknown-crs.tif
 *   (EPSG:2056, which proj4 does not know here), truncated.tif (a valid file cut in half) and
 *   not-a-tiff.tif (an HTML error page under a .tif name).
 *
 * Run: node scripts/gdal-reference-points.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test/fixtures/rasters');
const tifs = {
  dtm: 'src/data/delft/ahn3-dtm-50cm.tif',
  dsm: 'src/data/delft/ahn3-dsm-50cm.tif',
};

/** RD New points (metres): the raster spans x 84808..85072.5, y 447412.5..447641.5, 0.5 m cells. */
const POINTS = [
  { x: 84808.1, y: 447641.4, note: 'top-left corner cell' },
  { x: 85072.4, y: 447412.6, note: 'bottom-right corner cell' },
  { x: 84808.75, y: 447641.25, note: 'top edge, cell (1, 0): nodata in the DSM' },
  { x: 84923.25, y: 447623.25, note: 'cell (230, 36): nodata in the DSM' },
  {
    x: 84900,
    y: 447500,
    note: 'exactly on a cell corner: the cell to the lower right, (184, 283)',
  },
  { x: 85072.49, y: 447500.3, note: 'right edge' },
  { x: 84850.123, y: 447420.777, note: 'near the bottom edge' },
  { x: 84999.9, y: 447600.1, note: 'interior' },
  { x: 85030.55, y: 447470.35, note: 'interior' },
  { x: 84870.3, y: 447555.8, note: 'interior' },
];
const OUTSIDE = { x: 85100, y: 447500, note: 'east of the raster' };

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8' }).trim();

function locationValue(file, x, y) {
  try {
    const text = run('gdallocationinfo', ['-valonly', '-geoloc', file, String(x), String(y)]);
    return text === '' ? null : Number(text);
  } catch {
    return null; // "Location is off this file"
  }
}

const references = {
  generatedBy: 'scripts/gdal-reference-points.mjs',
  gdal: run('gdalinfo', ['--version']),
  command: 'gdallocationinfo -valonly -geoloc <file> <x> <y>',
  crs: 'EPSG:28992',
  nodata: -9999,
  files: Object.fromEntries(Object.entries(tifs).map(([k, v]) => [k, `/${v}`])),
  points: POINTS.map((p) => ({
    ...p,
    dtm: locationValue(tifs.dtm, p.x, p.y),
    dsm: locationValue(tifs.dsm, p.x, p.y),
  })),
  outside: { ...OUTSIDE, dtm: locationValue(tifs.dtm, OUTSIDE.x, OUTSIDE.y) },
};
writeFileSync(join(out, 'gdallocationinfo.json'), JSON.stringify(references, null, 2) + '\n');

// Hillshade references: gdaldem's Byte output (0 = nodata: the outer ring and cells next to nodata).
const tmp = mkdtempSync(join(tmpdir(), 'tweeling-rasters-'));
const SUNS = [
  { azimuth: 315, altitude: 45, zFactor: 1 },
  { azimuth: 135, altitude: 30, zFactor: 2 },
];
/** Cells (column, row): flat ground, roof edges, walls, next to nodata, and the outer ring. */
const CELLS = [
  [0, 0],
  [1, 1],
  [100, 100],
  [200, 50],
  [264, 229],
  [300, 300],
  [350, 120],
  [400, 400],
  [450, 200],
  [527, 456],
  [231, 37],
  [120, 330],
];
const cellValue = (file, col, row) =>
  Number(run('gdallocationinfo', ['-valonly', file, String(col), String(row)]));
const hillshade = { command: 'gdaldem hillshade -az <azimuth> -alt <altitude> -z <zFactor>' };
for (const [name, file] of Object.entries(tifs)) {
  hillshade[name] = SUNS.map((sun) => {
    const shaded = join(tmp, `${name}-${sun.azimuth}.tif`);
    run('gdaldem', [
      'hillshade',
      '-q',
      '-az',
      String(sun.azimuth),
      '-alt',
      String(sun.altitude),
      '-z',
      String(sun.zFactor),
      file,
      shaded,
    ]);
    return { ...sun, cells: CELLS.map(([col, row]) => [col, row, cellValue(shaded, col, row)]) };
  });
}

// Cells inside a 5 x 5 block of nearly equal shade (within 2: flat ground, plane roof faces) of the
// DSM's default hillshade: a drawn map shows about that grey at their centre even a cell off.
{
  const shaded = join(tmp, 'dsm-315.tif');
  const asc = join(tmp, 'dsm-315.asc');
  run('gdal_translate', ['-q', '-of', 'AAIGrid', shaded, asc]);
  const lines = readFileSync(asc, 'utf8').trim().split('\n');
  const header = Object.fromEntries(
    lines
      .slice(0, 6)
      .map((l) => l.trim().split(/\s+/))
      .map(([k, v]) => [k.toLowerCase(), +v]),
  );
  const values = lines.slice(6).join(' ').trim().split(/\s+/).map(Number);
  const { ncols: width, nrows: height } = header;
  const uniform = new Map(); // shade -> first cell (in a coarse scan) inside a near-uniform block
  for (let row = 10; row < height - 10; row += 3) {
    for (let col = 10; col < width - 10; col += 3) {
      const v = values[row * width + col];
      if (v === 0 || uniform.has(v)) continue;
      let same = true;
      for (let dr = -2; dr <= 2 && same; dr++)
        for (let dc = -2; dc <= 2 && same; dc++)
          same = Math.abs(values[(row + dr) * width + col + dc] - v) <= 2;
      if (same) uniform.set(v, [col, row, v]);
    }
  }
  // Up to 8 shades spread over the range found, darkest to lightest.
  const found = [...uniform.values()].sort((a, b) => a[2] - b[2]);
  const step = Math.max(1, (found.length - 1) / 7);
  const picked = [...new Set(Array.from({ length: 8 }, (_, k) => Math.round(k * step)))]
    .filter((i) => i < found.length)
    .map((i) => found[i]);
  hillshade.dsmUniformCells = {
    note: 'cells [col, row, shade] at the centre of a 5 x 5 block of shades within 2, default sun',
    cells: picked,
  };
}

// A 3 x 3 plane z = x (1 m cells, rising to the east), as a hand-checkable case.
const asc = join(tmp, 'slope.asc');
writeFileSync(asc, 'ncols 3\nnrows 3\nxllcorner 0\nyllcorner 0\ncellsize 1\n0 1 2\n0 1 2\n0 1 2\n');
run('gdal_translate', [
  '-q',
  '-ot',
  'Float32',
  '-a_srs',
  'EPSG:28992',
  asc,
  join(out, 'slope-3x3.tif'),
]);
run('gdaldem', ['hillshade', '-q', join(out, 'slope-3x3.tif'), join(tmp, 'slope-shade.tif')]);
hillshade.slope3x3 = {
  file: 'slope-3x3.tif',
  centre: cellValue(join(tmp, 'slope-shade.tif'), 1, 1),
};
writeFileSync(join(out, 'gdaldem-hillshade.json'), JSON.stringify(hillshade, null, 2) + '\n');

// Fault fixtures: 40 x 40 cells (20 x 20 m) of the DTM, top-left at 84850 / 447600.
const window = ['-projwin', '84850', '447600', '84870', '447580'];
run('gdal_translate', [
  '-q',
  ...window,
  '-a_srs',
  'EPSG:2056',
  tifs.dtm,
  join(out, 'unknown-crs.tif'),
]);
run('gdal_translate', ['-q', ...window, tifs.dtm, join(tmp, 'window.tif')]);
// No CRS at all: through an ASCII grid without its .prj (GDAL 3.6 cannot unset an SRS in place).
run('gdal_translate', ['-q', '-of', 'AAIGrid', join(tmp, 'window.tif'), join(tmp, 'window.asc')]);
rmSync(join(tmp, 'window.prj'), { force: true });
run('gdal_translate', ['-q', '-ot', 'Float32', join(tmp, 'window.asc'), join(out, 'no-crs.tif')]);
const whole = readFileSync(join(tmp, 'window.tif'));
writeFileSync(join(out, 'truncated.tif'), whole.subarray(0, Math.floor(whole.length / 2)));
writeFileSync(
  join(out, 'not-a-tiff.tif'),
  '<!doctype html>\n<html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>\n',
);
rmSync(tmp, { recursive: true, force: true });
console.log(`wrote ${out}: gdallocationinfo.json, gdaldem-hillshade.json and 5 GeoTIFF fixtures`);
