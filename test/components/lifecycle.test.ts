import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { mapOf } from '../helpers/twin.js';

/** Counts what a page can leak: WebGL contexts, workers and listeners on window and document. */
function instrument() {
  const contexts: (WebGLRenderingContext | WebGL2RenderingContext)[] = [];
  const workers = new Set<Worker>();
  let workersCreated = 0;
  const listeners = new Map<EventTarget, Set<string>>([
    [window, new Set()],
    [document, new Set()],
  ]);
  const originals = {
    getContext: HTMLCanvasElement.prototype.getContext,
    Worker: window.Worker,
    terminate: Worker.prototype.terminate,
    add: EventTarget.prototype.addEventListener,
    remove: EventTarget.prototype.removeEventListener,
  };
  // A listener is identified as the platform does: type, function and capture flag.
  const listenerIds = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (fn: unknown) => {
    if (typeof fn !== 'function' && (typeof fn !== 'object' || fn === null)) return -1;
    if (!listenerIds.has(fn)) listenerIds.set(fn, nextId++);
    return listenerIds.get(fn);
  };
  const key = (type: string, fn: unknown, options: unknown) =>
    `${type}#${idOf(fn)}${(typeof options === 'boolean' ? options : !!(options as { capture?: boolean })?.capture) ? ' (capture)' : ''}`;
  HTMLCanvasElement.prototype.getContext = function (
    this: HTMLCanvasElement,
    type: string,
    ...rest: unknown[]
  ) {
    const ctx = (originals.getContext as (...a: unknown[]) => RenderingContext | null).call(
      this,
      type,
      ...rest,
    );
    if (
      ctx &&
      (type === 'webgl' || type === 'webgl2') &&
      !contexts.includes(ctx as WebGL2RenderingContext)
    ) {
      contexts.push(ctx as WebGL2RenderingContext);
    }
    return ctx;
  } as typeof HTMLCanvasElement.prototype.getContext;
  window.Worker = class extends originals.Worker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workers.add(this);
      workersCreated++;
    }
  };
  Worker.prototype.terminate = function (this: Worker) {
    workers.delete(this);
    originals.terminate.call(this);
  };
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    type: string,
    fn: unknown,
    options?: unknown,
  ) {
    listeners.get(this)?.add(key(type, fn, options));
    return originals.add.call(this, type, fn as EventListener, options as AddEventListenerOptions);
  };
  EventTarget.prototype.removeEventListener = function (
    this: EventTarget,
    type: string,
    fn: unknown,
    options?: unknown,
  ) {
    listeners.get(this)?.delete(key(type, fn, options));
    return originals.remove.call(this, type, fn as EventListener, options as EventListenerOptions);
  };
  return {
    contexts,
    workers,
    workersCreated: () => workersCreated,
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    listenerNames: () => [...listeners.values()].flatMap((set) => [...set]),
    restore() {
      HTMLCanvasElement.prototype.getContext = originals.getContext;
      window.Worker = originals.Worker;
      Worker.prototype.terminate = originals.terminate;
      EventTarget.prototype.addEventListener = originals.add;
      EventTarget.prototype.removeEventListener = originals.remove;
    },
  };
}

describe('<dt-twin> lifecycle', () => {
  it('leaves no WebGL contexts, workers or listeners behind after 40 create/remove cycles', async function () {
    this.timeout(400000);
    const probe = instrument();
    const lostEarly: number[] = [];
    try {
      // Libraries add a few listeners once per page (not per map); count from after the first cycle.
      let baseline = -1;
      for (let cycle = 0; cycle < 40; cycle++) {
        const twin = document.createElement('dt-twin') as DtTwin;
        twin.style.cssText = 'display:block;width:400px;--dt-twin-height:300px';
        document.body.append(twin);
        await twin.updateComplete;
        // Every other twin is removed while it still loads (its map just created, data in flight),
        // the others after their first complete frame.
        if (cycle % 2 === 0) await mapOf(twin).ready;
        else await new Promise((r) => requestAnimationFrame(r));
        // Every context before this one must be gone already: at most one live context at a time,
        // so chromium never reaches its limit (16) and never warns of too many contexts.
        const live = probe.contexts.filter((c) => !c.isContextLost());
        if (live.length > 1) lostEarly.push(cycle);
        twin.remove();
        await new Promise((r) => setTimeout(r, 0));
        if (cycle === 0) baseline = probe.listenerCount();
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(lostEarly, `cycles with more than one live context: ${lostEarly}`).to.deep.equal([]);
      expect(probe.contexts.length).to.be.at.least(40);
      expect(probe.contexts.filter((c) => !c.isContextLost())).to.have.length(0);
      expect(
        probe.workersCreated(),
        'workers created (the wrap saw MapLibre start its workers)',
      ).to.be.at.least(40);
      expect(probe.workers.size, 'live workers').to.equal(0);
      expect(baseline).to.be.at.least(0);
      expect(probe.listenerCount(), probe.listenerNames().join(', ')).to.equal(baseline);
    } finally {
      probe.restore();
    }
  });
});
