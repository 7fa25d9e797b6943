import { expect } from '@open-wc/testing';
import { createWorker } from '../../../src/core/workers/create-worker.js';
import type { FromWorker, ToWorker } from '../../../src/core/workers/messages.js';
import { acquireWorkerPool, workerPoolStats } from '../../../src/core/workers/pool.js';
import { TwinController } from '../../../src/components/base/twin-controller.js';

/** Whether `worker` answers a raw echo request within `waitMs`. */
function answers(worker: Worker, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      if (event.data.id !== 424242) return;
      clearTimeout(timer);
      resolve(true);
    });
    const request: ToWorker = { kind: 'request', id: 424242, type: 'echo', payload: { text: '?' } };
    worker.postMessage(request);
  });
}

describe('worker pool (core/workers)', () => {
  afterEach(() => expect(workerPoolStats().handles, 'a test leaked a handle').to.equal(0));

  it('starts no worker before the first request', async () => {
    const before = workerPoolStats();
    const handle = acquireWorkerPool();
    expect(workerPoolStats().liveWorkers).to.equal(0);
    expect(workerPoolStats().createdWorkers).to.equal(before.createdWorkers);
    await handle.request('echo', { text: 'first' });
    expect(workerPoolStats().liveWorkers).to.equal(1);
    handle.release();
    expect(workerPoolStats().liveWorkers).to.equal(0);
  });

  it('warm() starts one worker ahead of the first request, which then runs on it', async () => {
    const before = workerPoolStats();
    const handle = acquireWorkerPool();
    handle.warm();
    handle.warm(); // a second call starts no second worker
    expect(workerPoolStats().liveWorkers).to.equal(1);
    expect((await handle.request('echo', { text: 'warm' })).text).to.equal('warm');
    expect(workerPoolStats().createdWorkers - before.createdWorkers).to.equal(1);
    handle.release();
    handle.warm(); // released: starts nothing
    expect(workerPoolStats().liveWorkers).to.equal(0);
  });

  it('is shared by two handles and terminated when the last one is released', async () => {
    const terminated: Worker[] = [];
    const terminate = Worker.prototype.terminate;
    Worker.prototype.terminate = function (this: Worker) {
      terminated.push(this);
      terminate.call(this);
    };
    try {
      const before = workerPoolStats();
      const first = acquireWorkerPool();
      const second = acquireWorkerPool();
      await first.request('echo', { text: 'a' });
      await second.request('echo', { text: 'b' });
      expect(workerPoolStats().createdWorkers - before.createdWorkers).to.equal(1);
      expect(workerPoolStats().liveWorkers).to.equal(1);

      first.release();
      first.release(); // a second release of the same handle changes nothing
      expect(workerPoolStats().liveWorkers).to.equal(1);
      expect(terminated).to.have.length(0);
      expect((await second.request('echo', { text: 'still here' })).text).to.equal('still here');

      second.release();
      expect(workerPoolStats().liveWorkers).to.equal(0);
      expect(terminated).to.have.length(1);
      const [gone] = terminated as [Worker];
      // Control: a live worker answers the same raw message well within the wait.
      const control = createWorker();
      expect(await answers(control, 5000)).to.equal(true);
      control.terminate();
      expect(await answers(gone, 300)).to.equal(false);
    } finally {
      Worker.prototype.terminate = terminate;
    }
  });

  it('rejects requests in flight and after release, never leaving them pending', async () => {
    const handle = acquireWorkerPool();
    const running = handle.request('busy-loop', { durationMs: 10_000 });
    handle.release();
    const errors = await Promise.allSettled([running, handle.request('echo', { text: 'late' })]);
    expect(errors.map((e) => e.status)).to.deep.equal(['rejected', 'rejected']);
    const [inFlight, late] = errors as [PromiseRejectedResult, PromiseRejectedResult];
    expect((inFlight.reason as Error).name).to.equal('AbortError');
    expect((late.reason as Error).message).to.match(/released/);
  });

  it('leaves no worker after 100 acquire/request/release cycles', async () => {
    const before = workerPoolStats();
    for (let i = 0; i < 100; i++) {
      const handle = acquireWorkerPool();
      expect((await handle.request('echo', { text: `cycle ${i}` })).text).to.equal(`cycle ${i}`);
      handle.release();
    }
    const after = workerPoolStats();
    expect(after.liveWorkers).to.equal(0);
    expect(after.createdWorkers - before.createdWorkers).to.equal(100);
    expect(after.terminatedWorkers - before.terminatedWorkers).to.equal(100);
  });

  it('is acquired by a twin controller on first use and released with it', async () => {
    const controller = new TwinController(document.createElement('div'));
    expect(workerPoolStats().handles).to.equal(0);
    const handle = controller.workers;
    expect(controller.workers).to.equal(handle); // one hold per twin
    expect(workerPoolStats().handles).to.equal(1);
    expect((await handle.request('echo', { text: 'twin' })).text).to.equal('twin');
    controller.releaseWorkers();
    expect(handle.released).to.equal(true);
    expect(workerPoolStats()).to.include({ handles: 0, liveWorkers: 0 });
  });

  it('sizes the pool from the cores: at least 1, at most 4', async () => {
    const { workerPoolSize } = await import('../../../src/core/workers/pool.js');
    expect([1, 2, 3, 8, 64].map((cores) => workerPoolSize(cores))).to.deep.equal([1, 1, 2, 4, 4]);
  });
});
