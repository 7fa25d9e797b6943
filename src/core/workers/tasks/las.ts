/**
 * Worker tasks for LAS/LAZ point-cloud decoding (@loaders.gl/las with worker: false). The types join {@link WorkerTasks} (messages.ts) and the
 * handlers join the worker's table (handlers.ts); heavy code loads inside a handler with `import()`.
 */
import type { TaskHandler } from '../serve.js';

/** The tasks of this file, by name: `request`, `response` and `progress` types of each. */
export type LasTasks = Record<never, never>;

/** The handlers of this file's tasks. */
export const lasHandlers: { [T in keyof LasTasks]: TaskHandler<T> } = {};
