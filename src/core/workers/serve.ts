/**
 * The worker side of the pool: it runs the requests that arrive on a worker's global scope, one
 * AbortController per request, and answers each with exactly one `response` or `error` message.
 * DOM-free: it runs in a dedicated worker (and, for tests, anywhere a MessagePort-like scope exists).
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
import { abortError, transferablesOf } from './messages.js';

/** What a task handler gets besides its payload. */
export interface TaskContext<P> {
  /** Aborted when the caller cancels the request. */
  readonly signal: AbortSignal;
  /** Sends a progress report to the caller. */
  progress(report: P): void;
  /**
   * Lets the worker read its messages (a cancel among them), then throws the abort reason if the
   * request was cancelled. Long loops await it every step: a loop that never yields can't be cancelled.
   */
  checkpoint(): Promise<void>;
}

/** The implementation of one task. */
export type TaskHandler<T extends TaskType> = (
  payload: TaskRequest<T>,
  context: TaskContext<TaskProgress<T>>,
) => TaskResponse<T> | Promise<TaskResponse<T>>;

/** One handler for every task of the message map: adding a task without a handler fails to compile. */
export type TaskHandlers = { [T in TaskType]: TaskHandler<T> };

/** The part of a worker's global scope that `serve` uses. */
export interface WorkerScope {
  /** Posts a message to the page, moving the listed buffers. */
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  /** Listens for messages from the page. */
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}

/** Copies what structured clone would drop from an error: its name and stack. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error || error instanceof DOMException)
    return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error), stack: undefined };
}

// A MessageChannel round trip is a macrotask without setTimeout's 4 ms clamp on nested timers.
let channel: MessageChannel | undefined;
const waiting: Array<() => void> = [];
function nextTask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

/** Serves the tasks in `handlers` on `scope` (a worker's `self`). */
export function serve(scope: WorkerScope, handlers: TaskHandlers): void {
  const running = new Map<number, AbortController>();

  async function run(id: number, type: TaskType, payload: unknown): Promise<void> {
    const controller = new AbortController();
    running.set(id, controller);
    const { signal } = controller;
    const context: TaskContext<unknown> = {
      signal,
      progress: (progress) => scope.postMessage({ kind: 'progress', id, progress }, []),
      checkpoint: async () => {
        await nextTask();
        signal.throwIfAborted();
      },
    };
    try {
      // The map is indexed by a runtime name: the per-task types meet only at this one call.
      const handler = handlers[type] as TaskHandler<TaskType> | undefined;
      if (typeof handler !== 'function') throw new TypeError(`no worker task named "${type}"`);
      const result = await handler(payload as TaskRequest<TaskType>, context as never);
      scope.postMessage({ kind: 'response', id, result }, transferablesOf(result));
    } catch (error) {
      scope.postMessage({ kind: 'error', id, error: serializeError(error) }, []);
    } finally {
      running.delete(id);
    }
  }

  scope.addEventListener('message', ({ data }) => {
    if (data.kind === 'cancel') running.get(data.id)?.abort(abortError());
    else void run(data.id, data.type, data.payload);
  });
}
