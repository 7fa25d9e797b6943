/* global customElements, Element, EventTarget, HTMLCanvasElement, OffscreenCanvas, Worker */
/**
 * Runs in the conformance page before any other script (playwright's addInitScript), and records what
 * the checks read back from `window.__kit`:
 * - `defined`: every customElements.define call, with the phase it happened in (`sdk` while the SDK
 *   loads, `component` once the component module is being imported);
 * - `violations`: every securitypolicyviolation (enforced and report-only), with its source file;
 * - `events`: the twin's error events (dt-source-error, dt-scenario-error, dt-store-error);
 * - listeners per EventTarget (type, function and capture flag, as the platform identifies them),
 *   live workers with the stack that started them, every WebGL context, live intervals;
 * - `ready`: whether a `dt-ready` fired after the twin was mounted.
 */
(() => {
  const kit = {
    phase: 'sdk',
    defined: [],
    violations: [],
    events: [],
    ready: false,
    mounted: false,
    loaded: false,
    loadError: null,
    messages: {},
    scenarioKinds: [],
    workersCreated: [],
    liveWorkers: new Set(),
    contexts: [],
  };
  window.__kit = kit;

  const originalDefine = customElements.define.bind(customElements);
  customElements.define = (name, constructor, options) => {
    kit.defined.push({ name, phase: kit.phase });
    return originalDefine(name, constructor, options);
  };

  document.addEventListener('securitypolicyviolation', (e) =>
    kit.violations.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blockedURI: e.blockedURI,
      sourceFile: e.sourceFile,
      line: e.lineNumber,
      disposition: e.disposition,
      sample: e.sample,
    }),
  );
  for (const type of ['dt-source-error', 'dt-scenario-error', 'dt-store-error']) {
    document.addEventListener(
      type,
      (e) => {
        const detail = e.detail ?? {};
        const error = detail.error ?? detail;
        kit.events.push({
          type,
          phase: kit.phase,
          target: e.target instanceof Element ? e.target.localName : String(e.target),
          id: detail.sourceId ?? detail.scenarioId ?? detail.entryId ?? '',
          message: String(error?.message ?? detail.reason ?? ''),
        });
      },
      true,
    );
  }
  document.addEventListener('dt-ready', () => (kit.ready = kit.mounted), true);

  // Listeners: one Set of keys per target, kept weakly so removed elements are not held.
  const listeners = new WeakMap();
  const functionIds = new WeakMap();
  let nextId = 0;
  const idOf = (fn) => {
    if (typeof fn !== 'function' && (typeof fn !== 'object' || fn === null)) return -1;
    if (!functionIds.has(fn)) functionIds.set(fn, nextId++);
    return functionIds.get(fn);
  };
  const captureOf = (options) =>
    typeof options === 'boolean' ? options : Boolean(options && options.capture);
  const keyOf = (type, fn, options) => `${type}#${idOf(fn)}${captureOf(options) ? '!' : ''}`;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (fn && !(options && typeof options === 'object' && options.once)) {
      let set = listeners.get(this);
      if (!set) listeners.set(this, (set = new Set()));
      set.add(keyOf(type, fn, options));
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    listeners.get(this)?.delete(keyOf(type, fn, options));
    return remove.call(this, type, fn, options);
  };
  kit.listenerKeys = (target) => [...(listeners.get(target) ?? [])];

  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      kit.workersCreated.push({ url: String(url), stack: new Error().stack ?? '' });
      kit.liveWorkers.add(this);
    }
  };
  const terminate = Worker.prototype.terminate;
  Worker.prototype.terminate = function () {
    kit.liveWorkers.delete(this);
    return terminate.call(this);
  };

  for (const Canvas of [
    HTMLCanvasElement,
    typeof OffscreenCanvas === 'function' && OffscreenCanvas,
  ]) {
    if (!Canvas) continue;
    const getContext = Canvas.prototype.getContext;
    Canvas.prototype.getContext = function (type, ...rest) {
      const context = getContext.call(this, type, ...rest);
      if (
        context &&
        /^(webgl|webgl2|experimental-webgl)$/.test(type) &&
        !kit.contexts.includes(context)
      )
        kit.contexts.push(context);
      return context;
    };
  }
  kit.liveContexts = () => kit.contexts.filter((c) => !c.isContextLost()).length;

  // Intervals: a timer started on every connect and never cleared is the other classic leak.
  const liveIntervals = new Set();
  const setInterval = window.setInterval;
  const clearInterval = window.clearInterval;
  window.setInterval = function (...args) {
    const id = setInterval.apply(this, args);
    liveIntervals.add(id);
    return id;
  };
  window.clearInterval = function (id) {
    liveIntervals.delete(id);
    return clearInterval.call(this, id);
  };
  kit.liveIntervals = () => liveIntervals.size;
})();
