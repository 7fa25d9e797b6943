// Bench page: round trip of a Float32 grid through one worker, moved (transfer) against copied
// (structured clone on the way in). The response is moved back in both cases.
import { WorkerActor } from '../../src/core/workers/actor.js';

declare global {
  interface Window {
    runWorkerBench(
      side: number,
      repeats: number,
    ): Promise<{ transferMs: number[]; cloneMs: number[]; structuredCloneMs: number[] }>;
  }
}

window.runWorkerBench = async (side, repeats) => {
  const actor = new WorkerActor(new Worker('./worker.js', { type: 'module' }));
  const grid = () => new Float32Array(side * side).fill(1.5);
  const result = {
    transferMs: [] as number[],
    cloneMs: [] as number[],
    structuredCloneMs: [] as number[],
  };
  // One warm-up request so neither side pays for the worker's start-up.
  await actor.request('scale-grid', { values: new Float32Array(16), factor: 1 });
  for (let i = 0; i < repeats; i++) {
    let values = grid();
    let t0 = performance.now();
    await actor.request('scale-grid', { values, factor: 1 }, { transfer: [values.buffer] });
    result.transferMs.push(performance.now() - t0);
    values = grid();
    t0 = performance.now();
    await actor.request('scale-grid', { values, factor: 1 });
    result.cloneMs.push(performance.now() - t0);
    t0 = performance.now();
    structuredClone(values);
    result.structuredCloneMs.push(performance.now() - t0);
  }
  actor.terminate();
  return result;
};
