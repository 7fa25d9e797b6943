import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { workerPoolStats } from '../../src/core/workers/pool.js';

const CYCLES = 100;

/**
 * Wraps `Worker` and `Worker.prototype.terminate` to see every worker the page starts (ours and
 * MapLibre's) and whether it was terminated: `workerPoolStats()` only counts what the pool believes,
 * this wrap counts what the browser was actually asked to do.
 */
function watchWorkers() {
  const live = new Set<Worker>();
  const names: string[] = [];
  const originals = { Worker: window.Worker, terminate: Worker.prototype.terminate };
  window.Worker = class extends originals.Worker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      live.add(this);
      names.push(options?.name ?? String(url));
    }
  };
  Worker.prototype.terminate = function (this: Worker) {
    live.delete(this);
    originals.terminate.call(this);
  };
  return {
    live,
    created: () => names.length,
    /** Workers started under the pool's name (`createWorker()` names them `tweeling`). */
    createdByPool: () => names.filter((name) => name === 'tweeling').length,
    restore() {
      window.Worker = originals.Worker;
      Worker.prototype.terminate = originals.terminate;
    },
  };
}

describe('<dt-twin> worker lifecycle', () => {
  it(`leaves no worker alive after ${CYCLES} create/request/remove cycles`, async function () {
    // Each cycle starts a map (WebGL context), one pool worker and MapLibre's worker. Measured: 73 s
    // and 109 s with the 2 cores shared (load average 8-13); no quiet machine was available to
    // measure on. The margin is for a loaded machine.
    this.timeout(240000);
    const probe = watchWorkers();
    const before = workerPoolStats();
    const started = performance.now();
    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const twin = document.createElement('dt-twin') as DtTwin;
        twin.setAttribute('basemap', 'none');
        // A child means "not the default twin": no shipped data is loaded. The twin still makes its
        // own (empty) map; it is removed without waiting for it, so a cycle stays short.
        twin.append(document.createElement('span'));
        document.body.append(twin);
        await twin.updateComplete;
        const stats = await twin.controller.workers.request('grid-stats', {
          values: new Float32Array([1, 2, 3, 4]),
          width: 2,
        });
        expect([stats.min, stats.max, stats.count], `cycle ${cycle}`).to.deep.equal([1, 4, 4]);
        // The twin's hold is the only one: its worker is alive until the twin goes.
        expect(workerPoolStats().liveWorkers, `cycle ${cycle}: live before removal`).to.be.at.least(
          1,
        );
        twin.remove();
        // The pool terminates at once; the map goes a microtask later (it survives DOM moves).
        expect(workerPoolStats().liveWorkers, `cycle ${cycle}: live after removal`).to.equal(0);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const after = workerPoolStats();
      console.log(
        `worker lifecycle: ${CYCLES} cycles in ${Math.round(performance.now() - started)} ms, ` +
          `${probe.created()} workers started`,
      );
      expect(after.handles, 'pool handles held').to.equal(0);
      expect(after.liveWorkers, 'live pool workers').to.equal(0);
      // Each cycle starts a fresh worker: the previous twin's removal terminated the last one.
      expect(after.createdWorkers - before.createdWorkers, 'pool workers created').to.equal(CYCLES);
      expect(after.terminatedWorkers - before.terminatedWorkers, 'pool workers ended').to.equal(
        CYCLES,
      );
      expect(probe.createdByPool(), 'workers the wrap saw the pool start').to.equal(CYCLES);
      expect(probe.live.size, 'workers started and never terminated').to.equal(0);
    } finally {
      probe.restore();
    }
  });
});
