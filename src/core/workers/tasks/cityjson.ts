/**
 * Worker tasks for CityJSON parsing and triangulation. The types join {@link WorkerTasks} (messages.ts) and the
 * handlers join the worker's table (handlers.ts); heavy code loads inside a handler with `import()`.
 */
import type { TaskHandler } from '../serve.js';

/** The tasks of this file, by name: `request`, `response` and `progress` types of each. */
export type CityJsonTasks = Record<never, never>;

/** The handlers of this file's tasks. */
export const cityJsonHandlers: { [T in keyof CityJsonTasks]: TaskHandler<T> } = {};
