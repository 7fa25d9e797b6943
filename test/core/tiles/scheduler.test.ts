import { expect } from '@open-wc/testing';
import { fetchBytes } from '../../../src/core/tiles/retry.js';
import { RequestScheduler } from '../../../src/core/tiles/scheduler.js';
import { tileKey } from '../../../src/core/tiles/tile-id.js';
import { tilesInView, type TileView } from '../../../src/core/tiles/traversal.js';
import { newRun, rejectionOf, serverStats, statsWhen, tileUrl } from './test-server.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('request scheduler (core, against the test tile server)', () => {
  it('keeps at most maxPerOrigin requests in flight', async () => {
    const run = newRun('concurrency');
    const scheduler = new RequestScheduler({ load: fetchBytes, maxPerOrigin: 3 });
    const keys = Array.from({ length: 9 }, (_, i) => `16/${i}/0`);
    const bodies = await Promise.all(keys.map((k) => scheduler.request(k, tileUrl(run, k, 200))));
    expect(bodies.every((body) => body.byteLength === 4096)).to.equal(true);
    const stats = await serverStats(run);
    expect(stats.completed).to.equal(9);
    expect(stats.maxInFlight).to.equal(3);
    expect(scheduler.counters).to.include({ started: 9, completed: 9, aborted: 0, shared: 0 });
  });

  it('starts queued requests by priority, also after a priority update', async () => {
    const run = newRun('priority');
    const started: string[] = [];
    const scheduler = new RequestScheduler({
      maxPerOrigin: 1,
      load: (url, signal) => {
        started.push(/test-tiles\/(\d+\/\d+\/\d+)/.exec(url)?.[1] ?? url);
        return fetchBytes(url, signal);
      },
    });
    const priorities: Record<string, number> = { '1/0/0': 0, '1/1/0': 5, '1/0/1': 1, '1/1/1': 3 };
    const done = Object.entries(priorities).map(([key, priority]) =>
      scheduler.request(key, tileUrl(run, key, 80), { priority }),
    );
    await sleep(20); // 1/0/0 runs, the others wait
    expect(scheduler.setPriority('1/1/1', 0.5)).to.equal(true);
    await Promise.all(done);
    expect(started).to.deep.equal(['1/0/0', '1/1/1', '1/0/1', '1/1/0']);
  });

  it('shares one request between two callers', async () => {
    const run = newRun('shared');
    const scheduler = new RequestScheduler({ load: fetchBytes });
    const url = tileUrl(run, '5/1/2', 100);
    const [a, b] = await Promise.all([
      scheduler.request('5/1/2', url),
      scheduler.request('5/1/2', url),
    ]);
    expect(a).to.equal(b);
    expect((await serverStats(run)).started).to.equal(1);
    expect(scheduler.counters).to.include({ started: 1, shared: 1 });
  });

  it('keeps a shared request alive when one caller aborts, aborts it when both do', async () => {
    const run = newRun('abort-sharers');
    const scheduler = new RequestScheduler({ load: fetchBytes });
    const one = new AbortController();
    const two = new AbortController();
    const url = tileUrl(run, '5/3/3', 300);
    const first = scheduler.request('5/3/3', url, { signal: one.signal });
    const second = scheduler.request('5/3/3', url, { signal: two.signal });
    await sleep(50);
    const abortedAt = performance.now();
    one.abort();
    const error = await rejectionOf(first);
    expect((error as Error).name).to.equal('AbortError');
    expect(performance.now() - abortedAt).to.be.lessThan(50);
    expect((await second).byteLength).to.equal(4096);
    expect(await serverStats(run)).to.include({ started: 1, completed: 1, aborted: 0 });

    const third = new AbortController();
    const fourth = new AbortController();
    const url2 = tileUrl(run, '5/4/4', 300);
    const p3 = scheduler.request('5/4/4', url2, { signal: third.signal });
    const p4 = scheduler.request('5/4/4', url2, { signal: fourth.signal });
    await sleep(50);
    third.abort();
    fourth.abort();
    expect(((await rejectionOf(p3)) as Error).name).to.equal('AbortError');
    expect(((await rejectionOf(p4)) as Error).name).to.equal('AbortError');
    const stats = await statsWhen(run, (s) => s.aborted === 1);
    expect(stats).to.include({ started: 2, completed: 1, aborted: 1 });
    expect(scheduler.counters.aborted).to.equal(1);
  });

  it('drops a queued request whose signal aborts, at once', async () => {
    const run = newRun('queued-abort');
    const scheduler = new RequestScheduler({ load: fetchBytes, maxPerOrigin: 1 });
    const running = scheduler.request('2/0/0', tileUrl(run, '2/0/0', 150));
    const controller = new AbortController();
    const queued = scheduler.request('2/1/0', tileUrl(run, '2/1/0', 150), {
      signal: controller.signal,
    });
    await sleep(20);
    expect(scheduler.queued).to.equal(1);
    const abortedAt = performance.now();
    controller.abort();
    expect(((await rejectionOf(queued)) as Error).name).to.equal('AbortError');
    expect(performance.now() - abortedAt).to.be.lessThan(20);
    expect(scheduler.queued).to.equal(0);
    await running;
    expect(scheduler.counters).to.include({ started: 1, completed: 1, aborted: 1 });
    expect((await serverStats(run)).started).to.equal(1);
  });

  it('aborts requests for tiles that left the view during a fast pan', async () => {
    const run = newRun('pan');
    const scheduler = new RequestScheduler({ load: fetchBytes });
    const settled: Promise<unknown>[] = [];
    let view: TileView = {
      longitude: 4.3658,
      latitude: 52.0122,
      zoom: 16,
      width: 1000,
      height: 700,
    };
    let keys: string[] = [];
    // 10 steps of 100 ms, each moving the view 1200 px east (a fling: 12 000 px/s).
    const lonPerPx = 360 / (512 * 2 ** 16);
    for (let step = 0; step < 10; step++) {
      keys = tilesInView(view).map(tileKey);
      scheduler.retain(keys);
      keys.forEach((key, rank) => {
        if (!scheduler.setPriority(key, rank))
          settled.push(
            scheduler.request(key, tileUrl(run, key, 200), { priority: rank }).catch((e) => e),
          );
      });
      await sleep(100);
      view = { ...view, longitude: view.longitude + 1200 * lonPerPx };
    }
    const outcomes = await Promise.all(settled);
    const stats = await statsWhen(run, (s) => s.inFlight === 0);
    const finalKeys = new Set(keys);
    const completedFinal = stats.completedTiles.filter((t) => finalKeys.has(t)).length;
    console.log(
      `pan: ${settled.length} requests, server started ${stats.started}, completed ${stats.completed}` +
        ` (${completedFinal} of the final view's ${finalKeys.size}), aborted ${stats.aborted};` +
        ` scheduler ${JSON.stringify(scheduler.counters)};` +
        ` other completed: ${stats.completedTiles.filter((t) => !finalKeys.has(t)).join(' ')}`,
    );
    expect(stats.aborted).to.be.greaterThan(0);
    expect(completedFinal).to.equal(finalKeys.size);
    // Most requests for tiles that left the view were aborted. (Not "most completed tiles are final":
    // on a loaded machine the 100 ms steps stretch and more passed-over tiles finish first; seen in CI.)
    expect(stats.aborted).to.be.at.least((settled.length - finalKeys.size) / 2);
    expect(outcomes.filter((o) => o instanceof Error).length).to.equal(scheduler.counters.aborted);
  });
});
