/** Entry of a pool worker: it serves the tasks of `handlers.ts` on the worker's global scope. */
import { handlers } from './handlers.js';
import { serve, type WorkerScope } from './serve.js';

// `self` is typed as a Window by the DOM lib; in a dedicated worker it has the scope's shape.
serve(self as unknown as WorkerScope, handlers);
