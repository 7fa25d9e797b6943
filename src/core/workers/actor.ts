/**
 * The page side of one worker: numbered requests, progress, errors rebuilt with the worker's stack,
 * and cancellation through an AbortSignal (the promise rejects at once; the worker is told to stop).
 */
import type {
  FromWorker,
  SerializedError,
  TaskProgress,
  TaskRequest,
  TaskResponse,
  TaskType,
  ToWorker,
} from './messages.js';
import { abortError } from './messages.js';

/** Options of one request. */
export interface RequestOptions<P> {
  /** Cancels the request: its promise rejects with an `AbortError` and the worker stops the task. */
  signal?: AbortSignal;
  /** Buffers to move to the worker rather than copy (they are empty here afterwards). */
  transfer?: Transferable[];
  /** Called with each progress report of the task. */
  onProgress?: (report: P) => void;
}

/** Something that can run worker tasks: an actor, or a handle on the shared pool. */
export interface TaskRunner {
  /** Runs `type` with `payload` in a worker; resolves with its response. */
  request<T extends TaskType>(
    type: T,
    payload: TaskRequest<T>,
    options?: RequestOptions<TaskProgress<T>>,
  ): Promise<TaskResponse<T>>;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: unknown): void;
  onProgress: ((report: never) => void) | undefined;
  callerStack: string | undefined;
  cleanup(): void;
}

/**
 * Rebuilds an error thrown in a worker: same `name` and `message`; the stack is the caller's (where
 * the request was made) with the worker's stack appended.
 */
export function rebuildError(error: SerializedError, callerStack?: string): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  const callerFrames = (callerStack ?? '').split('\n').slice(1).join('\n');
  rebuilt.stack = `${error.name}: ${error.message}\n${callerFrames}\nFrom the worker:\n${error.stack ?? '(no stack)'}`;
  return rebuilt;
}

/** The reason a request rejects with when its signal aborts: an `AbortError` DOMException. */
function abortReason(signal: AbortSignal): DOMException {
  const { reason } = signal;
  return reason instanceof DOMException && reason.name === 'AbortError' ? reason : abortError();
}

/** One worker and the requests in flight on it. */
export class WorkerActor implements TaskRunner {
  #nextId = 1;
  /** Requests whose caller still waits. */
  readonly #pending = new Map<number, Pending>();
  /** Requests the worker has not answered yet, cancelled ones included: its real load. */
  readonly #running = new Set<number>();
  #terminated = false;
  #idleWaiters: Array<() => void> = [];

  /** @param worker A worker running `worker.ts` (see `createWorker()`). */
  constructor(readonly worker: Worker) {
    worker.addEventListener('message', this.#onMessage);
    // A worker that fails to load, or throws outside a task, can't answer: fail its requests.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event instanceof ErrorEvent ? event.message : 'it failed to start';
      this.terminate(new Error(`worker error: ${detail}`));
    });
  }

  /** Requests the worker is still busy with (cancelled ones count until it stops). */
  get load(): number {
    return this.#running.size;
  }

  /**
   * Resolves once the worker has answered every request sent so far, cancelled ones included (a
   * cancelled task answers when it reaches its next checkpoint), or was terminated.
   */
  whenIdle(): Promise<void> {
    if (this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #notifyIdle(): void {
    if (this.#running.size > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Whether {@link WorkerActor.terminate} was called (or the worker failed). */
  get terminated(): boolean {
    return this.#terminated;
  }

  /** Runs a task in this worker. */
  request<T extends TaskType>(
    type: T,
    payload: TaskRequest<T>,
    options: RequestOptions<TaskProgress<T>> = {},
  ): Promise<TaskResponse<T>> {
    const { signal, transfer = [], onProgress } = options;
    if (this.#terminated) return Promise.reject(new Error('worker request: worker terminated'));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const id = this.#nextId++;
    return new Promise<TaskResponse<T>>((resolve, reject) => {
      const onAbort = () => {
        this.#settle(id);
        reject(abortReason(signal as AbortSignal));
        if (!this.#terminated) this.#post({ kind: 'cancel', id }, []);
      };
      this.#pending.set(id, {
        resolve: resolve as (result: unknown) => void,
        reject,
        onProgress,
        callerStack: new Error().stack,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#running.add(id);
      try {
        this.#post({ kind: 'request', id, type, payload }, transfer);
      } catch (error) {
        // A payload that can't be cloned (a function, a detached buffer): nothing reached the worker.
        this.#running.delete(id);
        this.#notifyIdle();
        this.#settle(id);
        reject(error);
      }
    });
  }

  /** Stops the worker; requests still waiting reject with `reason` (default: an `AbortError`). */
  terminate(reason: unknown = abortError('The worker was terminated.')): void {
    if (this.#terminated) return;
    this.#terminated = true;
    this.worker.removeEventListener('message', this.#onMessage);
    this.worker.terminate();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#running.clear();
    this.#notifyIdle();
    for (const p of pending) {
      p.cleanup();
      p.reject(reason);
    }
  }

  #post(message: ToWorker, transfer: Transferable[]): void {
    this.worker.postMessage(message, transfer);
  }

  /** Forgets a request's caller; returns what it was waiting with. */
  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    pending?.cleanup();
    return pending;
  }

  readonly #onMessage = ({ data }: MessageEvent<FromWorker>): void => {
    if (data.kind === 'progress') {
      this.#pending.get(data.id)?.onProgress?.(data.progress as never);
      return;
    }
    this.#running.delete(data.id);
    this.#notifyIdle();
    const pending = this.#settle(data.id);
    if (!pending) return; // cancelled: its caller already has an AbortError
    if (data.kind === 'response') pending.resolve(data.result);
    else pending.reject(rebuildError(data.error, pending.callerStack));
  };
}
