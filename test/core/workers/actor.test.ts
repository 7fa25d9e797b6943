import { expect } from '@open-wc/testing';
import { WorkerActor } from '../../../src/core/workers/actor.js';
import { createWorker } from '../../../src/core/workers/create-worker.js';

/** Awaits a promise that must reject, and returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('worker actor (core/workers)', () => {
  let actor: WorkerActor;
  beforeEach(() => {
    actor = new WorkerActor(createWorker());
  });
  afterEach(() => actor.terminate());

  it('answers a request (round trip)', async () => {
    expect(await actor.request('echo', { text: 'hallo Delft' })).to.deep.equal({
      text: 'hallo Delft',
    });
    expect(actor.load).to.equal(0);
  });

  it('moves a 1e6-value Float32Array to the worker and back', async () => {
    const values = new Float32Array(1e6).fill(2);
    const pending = actor.request(
      'scale-grid',
      { values, factor: 3 },
      { transfer: [values.buffer] },
    );
    expect(values.byteLength).to.equal(0); // moved, not copied
    const result = await pending;
    expect(result.values.length).to.equal(1e6);
    expect(result.values[0]).to.equal(6);
    expect(result.values[999_999]).to.equal(6);
  });

  it('reports progress and computes stats skipping nodata', async () => {
    const width = 100;
    const values = new Float32Array(width * 1000).map((_, i) => (i % 10 === 0 ? -9999 : i % 10));
    const reports: Array<{ rowsDone: number; rows: number }> = [];
    const stats = await actor.request(
      'grid-stats',
      { values, width, nodata: -9999, progressEveryRows: 100 },
      { onProgress: (report) => reports.push(report) },
    );
    expect(stats).to.deep.equal({ min: 1, max: 9, mean: 5, count: 90_000 });
    expect(reports.length).to.equal(10);
    expect(reports.at(-1)).to.deep.equal({ rowsDone: 1000, rows: 1000 });
    expect(values.length).to.equal(100_000); // not transferred: copied
  });

  it('rejects with the worker error: name, message and a stack from the worker file', async () => {
    const values = new Float32Array(10);
    const error = await rejection(actor.request('grid-stats', { values, width: 3 }));
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('RangeError');
    expect(error.message).to.equal('grid-stats: 10 values do not fill rows of 3 columns');
    expect(error.stack).to.match(/From the worker:/);
    expect(error.stack).to.match(/src\/core\/workers\/handlers\.ts/);
    expect(actor.load).to.equal(0);
  });

  it('rejects an aborted long task at once, and the worker stops it', async () => {
    const controller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const task = actor.request(
      'busy-loop',
      { durationMs: 10_000 },
      { signal: controller.signal, onProgress: () => started() },
    );
    await running;
    const abortedAt = performance.now();
    controller.abort();
    const error = await rejection(task);
    expect(performance.now() - abortedAt).to.be.below(200);
    expect(error).to.be.instanceOf(DOMException);
    expect(error.name).to.equal('AbortError');
    // The worker answers a cancelled task only when the task has stopped (the loop would run 10 s).
    await actor.whenIdle();
    expect(performance.now() - abortedAt).to.be.below(200);
    const askedAt = performance.now();
    await actor.request('echo', { text: 'free?' });
    expect(performance.now() - askedAt).to.be.below(200);
    expect(actor.load).to.equal(0);
  });

  it('rejects a request aborted before it starts without posting it', async () => {
    const { worker } = actor;
    let posted = 0;
    const post = worker.postMessage.bind(worker) as (m: unknown, t: Transferable[]) => void;
    // Worker.postMessage is overloaded; the actor always calls the (message, transfer) form.
    (worker as { postMessage: typeof post }).postMessage = (message, transfer) => {
      posted++;
      post(message, transfer);
    };
    const error = await rejection(
      actor.request('echo', { text: 'never sent' }, { signal: AbortSignal.abort() }),
    );
    expect(error.name).to.equal('AbortError');
    expect(posted).to.equal(0);
    expect(actor.load).to.equal(0);
  });

  it('rejects requests in flight when the worker is terminated', async () => {
    const task = actor.request('busy-loop', { durationMs: 10_000 });
    actor.terminate();
    expect((await rejection(task)).name).to.equal('AbortError');
    expect((await rejection(actor.request('echo', { text: 'late' }))).message).to.match(
      /terminated/,
    );
  });
});
