/**
 * Writes test/fixtures/find/locatieserver-docs.json: the objects the loopback stand-in for the PDOK
 * Locatieserver (scripts/test-locatieserver-plugin.mjs) answers with, in the Locatieserver v3.1
 * `lookup` document format (`id`, `type`, `weergavenaam`, `centroide_ll`, `centroide_rd`, address
 * fields). They are built from the shipped Delft buildings (src/data/delft/buildings.geojson): the
 * first 12 by BAG id, each at the average of its footprint's outer-ring corners. The shipped data
 * have no addresses, so each gets a made-up one on a real Delft street ("Oude Delft 1" to "12",
 * postcode 2611 BA to BM): a stand-in for the real service, not real addresses. Plus one `weg`
 * (the street itself, at the average of the 12).
 *
 * Run: node scripts/make-locatieserver-fixture.mjs
 */
import { readFile, writeFile } from 'node:fs/promises';
import proj4 from 'proj4';

const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 ' +
  '+y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 ' +
  '+units=m +no_defs';
const toRd = proj4('EPSG:4326', RD_NEW);

const buildings = JSON.parse(
  await readFile(new URL('../src/data/delft/buildings.geojson', import.meta.url), 'utf8'),
);

/** Average of the outer ring's corners (the closing corner counted once). */
function ringAverage(geometry) {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
  const corners = ring.slice(0, -1);
  const sum = corners.reduce((acc, [x, y]) => [acc[0] + x, acc[1] + y], [0, 0]);
  return [sum[0] / corners.length, sum[1] / corners.length];
}

const round = (value, decimals) => Number(value.toFixed(decimals));
const point = ([x, y], decimals) => `POINT(${round(x, decimals)} ${round(y, decimals)})`;

const chosen = [...buildings.features]
  .sort((a, b) =>
    String(a.properties.identificatiebagpnd).localeCompare(
      String(b.properties.identificatiebagpnd),
    ),
  )
  .slice(0, 12);

const docs = chosen.map((feature, i) => {
  const number = i + 1;
  const postcode = `2611B${String.fromCharCode(65 + i)}`; // 2611BA ... 2611BL
  const lonLat = ringAverage(feature.geometry);
  return {
    id: `adr-${feature.properties.identificatiebagpnd}`,
    type: 'adres',
    weergavenaam: `Oude Delft ${number}, ${postcode} Delft`,
    straatnaam: 'Oude Delft',
    huisnummer: number,
    postcode,
    woonplaatsnaam: 'Delft',
    gemeentenaam: 'Delft',
    provincienaam: 'Zuid-Holland',
    pandid: feature.properties.identificatiebagpnd,
    centroide_ll: point(lonLat, 9),
    centroide_rd: point(toRd.forward(lonLat), 3),
  };
});
const all = chosen.map((f) => ringAverage(f.geometry));
const street = [
  all.reduce((s, p) => s + p[0], 0) / all.length,
  all.reduce((s, p) => s + p[1], 0) / all.length,
];
docs.unshift({
  id: 'weg-oude-delft',
  type: 'weg',
  weergavenaam: 'Oude Delft, Delft',
  straatnaam: 'Oude Delft',
  woonplaatsnaam: 'Delft',
  gemeentenaam: 'Delft',
  provincienaam: 'Zuid-Holland',
  centroide_ll: point(street, 9),
  centroide_rd: point(toRd.forward(street), 3),
});

const out = new URL('../test/fixtures/find/locatieserver-docs.json', import.meta.url);
await writeFile(out, `${JSON.stringify(docs, null, 2)}\n`);
console.log(`wrote ${docs.length} documents to ${out.pathname}`);
