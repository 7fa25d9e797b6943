/**
 * The worker pool shared by every twin on the page: one module-level pool, created on the first
 * request and terminated when its last handle is released. Each twin holds one handle.
 */
import type { RequestOptions, TaskRunner } from './actor.js';
import { WorkerActor } from './actor.js';
import { createWorker } from './create-worker.js';
import type { TaskProgress, TaskRequest, TaskResponse, TaskType } from './messages.js';

/** A hold on the shared pool: requests run on its workers until `release()`. */
export interface WorkerPoolHandle extends TaskRunner {
  /** Gives the hold up (again: a no-op). The last release terminates every worker. */
  release(): void;
  /** Whether this handle was released; its requests then reject. */
  readonly released: boolean;
  /**
   * Starts a worker now if none runs, so that its script loads while the caller still fetches the
   * data it will hand over (a worker's first start costs its bundle's download and evaluation).
   */
  warm(): void;
}

/** Counters of the shared pool, for tests and diagnostics. */
export interface WorkerPoolStats {
  /** Handles not yet released. */
  handles: number;
  /** Workers running now. */
  liveWorkers: number;
  /** Workers started since the page loaded. */
  createdWorkers: number;
  /** Workers terminated since the page loaded. */
  terminatedWorkers: number;
  /** The most workers the pool starts. */
  maxWorkers: number;
}

/** At most this many workers, however many cores: tasks are memory-hungry grids. */
const MAX_WORKERS = 4;

/** The pool size: one worker per core beyond the page's own, at least 1 and at most 4. */
export function workerPoolSize(cores = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return Math.max(1, Math.min(MAX_WORKERS, cores - 1));
}

let actors: WorkerActor[] = [];
let handles = 0;
let createdWorkers = 0;
let terminatedWorkers = 0;

/** The least busy worker, starting a new one while all are busy and the pool has room. */
function pickWorker(): WorkerActor {
  // A worker that failed (its actor terminated itself) is dropped and replaced.
  const failed = actors.filter((actor) => actor.terminated).length;
  terminatedWorkers += failed;
  if (failed > 0) actors = actors.filter((actor) => !actor.terminated);
  let best: WorkerActor | undefined;
  for (const actor of actors) if (!best || actor.load < best.load) best = actor;
  if (best && (best.load === 0 || actors.length >= workerPoolSize())) return best;
  const actor = new WorkerActor(createWorker());
  createdWorkers++;
  actors.push(actor);
  return actor;
}

function terminateAll(): void {
  for (const actor of actors) actor.terminate();
  terminatedWorkers += actors.length;
  actors = [];
}

/**
 * Takes a hold on the page's worker pool. Nothing starts until the first request; workers start
 * one by one as requests overlap, up to {@link workerPoolSize}. Release the handle when done.
 */
export function acquireWorkerPool(): WorkerPoolHandle {
  handles++;
  let released = false;
  return {
    get released() {
      return released;
    },
    request<T extends TaskType>(
      type: T,
      payload: TaskRequest<T>,
      options?: RequestOptions<TaskProgress<T>>,
    ): Promise<TaskResponse<T>> {
      if (released)
        return Promise.reject(new Error(`worker request "${type}": pool handle released`));
      return pickWorker().request(type, payload, options);
    },
    warm() {
      if (!released && !actors.some((actor) => !actor.terminated)) pickWorker();
    },
    release() {
      if (released) return;
      released = true;
      if (--handles === 0) terminateAll();
    },
  };
}

/** The shared pool's counters. */
export function workerPoolStats(): WorkerPoolStats {
  return {
    handles,
    liveWorkers: actors.filter((actor) => !actor.terminated).length,
    createdWorkers,
    terminatedWorkers,
    maxWorkers: workerPoolSize(),
  };
}
