import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { DELFT_DATA } from '../../src/default-data.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

const CHANNEL = 'dt-privacy-probe';

/**
 * Records every request the page makes: resource timing entries of the page (a buffered
 * PerformanceObserver plus `performance.getEntriesByType('resource')`), and of every worker started
 * from here on. Each worker is started through a small wrapper module that first installs the same
 * observer inside the worker (reporting over a BroadcastChannel) and then imports the real worker
 * script, so what the worker fetches (MapLibre's tiles and GeoJSON, our pool's data) is seen too.
 * The worker scripts' own URLs are recorded as well.
 */
function recordRequests() {
  const urls = new Set<string>();
  const workerScripts: string[] = [];
  const workerReports = new Set<string>(); // the workers whose observer reported in
  const fromWorkers = new Set<string>(); // URLs requested inside workers
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) urls.add(entry.name);
  });
  observer.observe({ type: 'resource', buffered: true });
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }: MessageEvent<{ worker: string; urls: string[] }>) => {
    workerReports.add(data.worker);
    for (const url of data.urls) {
      urls.add(url);
      fromWorkers.add(url);
    }
  };
  const probe = `
    const channel = new BroadcastChannel(${JSON.stringify(CHANNEL)});
    const worker = Math.random().toString(36).slice(2);
    channel.postMessage({ worker, urls: [] });
    new PerformanceObserver((list) =>
      channel.postMessage({ worker, urls: list.getEntries().map((e) => e.name) }),
    ).observe({ type: 'resource', buffered: true });
  `;
  const probeUrl = URL.createObjectURL(new Blob([probe], { type: 'text/javascript' }));
  const blobs: string[] = [probeUrl];
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const href = new URL(String(url), location.href).href;
      workerScripts.push(href);
      // Static imports run in order: the probe is in place before the worker's own code runs.
      const wrapper =
        options?.type === 'module'
          ? `import ${JSON.stringify(probeUrl)};\nimport ${JSON.stringify(href)};\n`
          : `${probe}\nimportScripts(${JSON.stringify(href)});\n`;
      const wrapperUrl = URL.createObjectURL(new Blob([wrapper], { type: 'text/javascript' }));
      blobs.push(wrapperUrl);
      super(wrapperUrl, options);
    }
  };
  return {
    workerScripts,
    workerReports,
    fromWorkers,
    /** Every URL requested so far (page and workers), worker scripts included. */
    urls(): string[] {
      for (const entry of performance.getEntriesByType('resource')) urls.add(entry.name);
      for (const entry of observer.takeRecords()) urls.add(entry.name);
      return [...urls, ...workerScripts];
    },
    stop() {
      window.Worker = NativeWorker;
      observer.disconnect();
      channel.close();
      for (const url of blobs) URL.revokeObjectURL(url);
    },
  };
}

/** URLs that leave the page's origin (blob: and data: URLs stay in the page). */
function foreign(urls: string[]): string[] {
  return urls.filter((url) => {
    const parsed = new URL(url, location.href);
    if (parsed.protocol === 'blob:' || parsed.protocol === 'data:') return false;
    return parsed.origin !== location.origin;
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same server under its other loopback name: a different origin that does answer. */
function otherOrigin(): string {
  const other = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  return `${location.protocol}//${other}:${location.port}`;
}

describe('privacy: the default twin makes no request outside the page origin', () => {
  // Workers are shared by every twin on a page: this file's page starts them, in the first test,
  // with the recorder in place.
  it('requests only same-origin (or blob:/data:) URLs, the buildings GeoJSON among them', async () => {
    const recorder = recordRequests();
    try {
      const { map } = await mountTwin(html`<dt-twin style=${TWIN_SIZE}></dt-twin>`);
      await map.rendered();
      await sleep(300); // the workers' last reports
      const urls = recorder.urls();
      expect(urls.length).to.be.greaterThan(5);
      expect(
        urls.some((url) => url === DELFT_DATA.buildings),
        `the buildings GeoJSON (${DELFT_DATA.buildings}) was requested: ${urls.join(', ')}`,
      ).to.equal(true);
      expect(
        urls.some((url) => url.includes('maplibre-gl-worker')),
        'MapLibre worker started',
      ).to.equal(true);
      expect(recorder.workerScripts.length, 'workers seen').to.be.greaterThan(0);
      // MapLibre's worker loads the land-cover GeoJSON itself: only the probe in the worker sees it.
      expect(
        recorder.fromWorkers.has(DELFT_DATA.landcover),
        `land cover requested by a worker: ${[...recorder.fromWorkers].join(', ')}`,
      ).to.equal(true);
      expect(recorder.workerReports.size, 'every worker reported through its probe').to.equal(
        recorder.workerScripts.length,
      );
      expect(foreign(urls), 'requests outside the page origin').to.deep.equal([]);
    } finally {
      recorder.stop();
    }
  });

  it('control: the recorder does see a cross-origin request, from the page and from a worker', async () => {
    const recorder = recordRequests();
    try {
      const target = `${otherOrigin()}/src/data/delft/README.md`;
      await fetch(`${target}?page`, { mode: 'no-cors' });
      const code = `fetch(${JSON.stringify(`${target}?worker`)}, { mode: 'no-cors' }).then(() => postMessage('done'));`;
      const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      const worker = new Worker(url, { type: 'module' });
      await new Promise((resolve) => worker.addEventListener('message', resolve, { once: true }));
      await sleep(200);
      worker.terminate();
      URL.revokeObjectURL(url);
      expect(foreign(recorder.urls())).to.have.members([`${target}?page`, `${target}?worker`]);
    } finally {
      recorder.stop();
    }
  });
});
