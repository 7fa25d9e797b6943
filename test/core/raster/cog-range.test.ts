import { expect } from '@open-wc/testing';
import { readGeoTiff } from '../../../src/core/raster/geotiff.js';
import type { BBox } from '../../../src/core/raster/grid.js';

/** The whole COG from the dev server's static files, which ignore `Range` (200, all bytes). */
const WHOLE = new URL('../../fixtures/delft-dtm-cog.tif', import.meta.url).href;
/** The same file from the test server's range endpoint (scripts/test-tile-server-plugin.mjs). */
const rangeUrl = (run: string) => `/test-range/delft-dtm-cog.tif?run=${run}`;

/** What the range endpoint counted for one run. */
interface RangeStats {
  requests: number;
  rangeRequests: number;
  bytesSent: number;
  ranges: string[];
}

async function rangeStats(run: string): Promise<RangeStats> {
  return (await fetch(`/test-range/stats?run=${run}`)).json() as Promise<RangeStats>;
}

// 20 x 20 m in RD New: 40 x 40 cells of 0.5 m, all inside one 128 x 128 tile of the base image
// (columns 84..124, rows 143..183 of 529 x 458).
const WINDOW: BBox = [84850, 447550, 84870, 447570];

describe('readGeoTiff over HTTP range requests (COG)', () => {
  it('reads a small window with the values of a whole-file read, fetching a fraction of the file', async () => {
    const run = `cog-${Date.now()}`;
    await fetch(`/test-range/reset?run=${run}`);
    const size = (await (await fetch(WHOLE)).arrayBuffer()).byteLength;

    const reference = await readGeoTiff(WHOLE, { bbox: WINDOW });
    const ranged = await readGeoTiff(rangeUrl(run), { bbox: WINDOW });

    // (a) The same cells, bit for bit.
    expect([ranged.width, ranged.height]).to.deep.equal([40, 40]);
    expect(ranged.geotransform).to.deep.equal(reference.geotransform);
    expect(ranged.nodata).to.equal(reference.nodata);
    expect(ranged.crs).to.equal(reference.crs);
    expect(Array.from(ranged.values)).to.deep.equal(Array.from(reference.values));

    // (b) Ranges were asked for and honoured, and far less than the file crossed the wire.
    const stats = await rangeStats(run);
    const detail = `${stats.bytesSent} of ${size} bytes in ${stats.requests} requests: ${stats.ranges.join(', ')}`;
    console.log(`COG window over ranges: ${detail}`);
    expect(stats.ranges[0], `the header probe first; ${detail}`).to.equal('0-65535');
    expect(stats.requests, detail).to.be.greaterThan(1);
    expect(stats.rangeRequests, `every request was a range; ${detail}`).to.equal(stats.requests);
    expect(stats.bytesSent, detail).to.be.lessThan(size * 0.5);
  });

  it('answers the header probe with 206 and Content-Range, and a plain GET with the whole file', async () => {
    const run = `probe-${Date.now()}`;
    const partial = await fetch(rangeUrl(run), { headers: { Range: 'bytes=0-15' } });
    expect(partial.status).to.equal(206);
    expect(partial.headers.get('Accept-Ranges')).to.equal('bytes');
    const total = Number(/\/(\d+)$/.exec(partial.headers.get('Content-Range') ?? '')?.[1]);
    expect(partial.headers.get('Content-Range')).to.equal(`bytes 0-15/${total}`);
    expect((await partial.arrayBuffer()).byteLength).to.equal(16);
    const whole = await fetch(rangeUrl(run));
    expect(whole.status).to.equal(200);
    expect((await whole.arrayBuffer()).byteLength).to.equal(total);
    expect(await rangeStats(run)).to.include({ requests: 2, rangeRequests: 1 });
  });
});
