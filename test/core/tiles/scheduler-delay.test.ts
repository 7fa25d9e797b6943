import { expect } from '@open-wc/testing';
import { RequestScheduler } from '../../../src/core/tiles/scheduler.js';

// A controllable loader (timing only): records when each load starts and resolves at once.
function recordingLoader() {
  const starts: { url: string; at: number }[] = [];
  const load = async (url: string) => {
    starts.push({ url, at: performance.now() });
    return url;
  };
  return { starts, load };
}

describe('RequestScheduler startDelayMs', () => {
  it('starts a request only after it has been wanted for the delay', async () => {
    const { starts, load } = recordingLoader();
    const scheduler = new RequestScheduler({ load, startDelayMs: 60 });
    const t0 = performance.now();
    const value = await scheduler.request('a', 'http://tiles.test/a');
    expect(value).to.equal('http://tiles.test/a');
    expect((starts[0]?.at ?? 0) - t0).to.be.at.least(55);
  });

  it('never starts a request dropped within the delay (a tile that left the view in a fast pan)', async () => {
    const { starts, load } = recordingLoader();
    const scheduler = new RequestScheduler({ load, startDelayMs: 60 });
    const dropped = scheduler.request('old', 'http://tiles.test/old');
    const kept = scheduler.request('new', 'http://tiles.test/new');
    await new Promise((r) => setTimeout(r, 20));
    scheduler.retain(['new']);
    let error: unknown;
    await dropped.catch((e: unknown) => (error = e));
    expect((error as DOMException).name).to.equal('AbortError');
    expect(await kept).to.equal('http://tiles.test/new');
    expect(starts.map((s) => s.url)).to.deep.equal(['http://tiles.test/new']);
    expect(scheduler.counters.started).to.equal(1);
  });
});
