/**
 * Claims the page's uncaught errors that come from a store module's own code (matched by the module
 * URL in the error's file name or stack) and tells that component's watchers, so a supplier's
 * exception is reported as `dt-store-error` and not as the page's own. Used by loader.ts.
 */

/** Who to tell about errors of each component, by entry id. */
export const errorWatchers = new Map<string, Set<(error: unknown) => void>>();
/** The module URL of each component whose errors are claimed, by entry id (for the page's life). */
export const claimedModules = new Map<string, string>();

/** Whether an error (or its stack) comes from code at `url`. */
function comesFrom(error: unknown, filename: string | undefined, url: string): boolean {
  if (filename === url) return true;
  const stack = error instanceof Error ? error.stack : undefined;
  return typeof stack === 'string' && stack.includes(url);
}

/** Errors already reported (one throw reaches both `window.onerror` and the `error` listeners). */
const reported = new WeakSet<object>();

/** Tells the watchers of the component whose code threw `error`; whether one claimed it. */
function claim(error: unknown, filename: string | undefined): boolean {
  for (const [id, url] of claimedModules) {
    if (!comesFrom(error, filename, url)) continue;
    if (typeof error === 'object' && error !== null) {
      if (reported.has(error)) return true;
      reported.add(error);
    }
    for (const report of errorWatchers.get(id) ?? []) report(error);
    return true;
  }
  return false;
}

let intercepting = false;

/**
 * Claims the page's uncaught errors and rejections that come from a store module's code, so that
 * a supplier's exception is reported as `dt-store-error` instead of as the page's own. Browsers call
 * `window.onerror` before any `error` listener added after it, so it is wrapped as well.
 */
export function interceptErrors(): void {
  if (intercepting) return;
  intercepting = true;
  window.addEventListener(
    'error',
    (event) => {
      if (!claim(event.error ?? event.message, event.filename)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    true,
  );
  window.addEventListener(
    'unhandledrejection',
    (event) => {
      if (!claim(event.reason, undefined)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    true,
  );
  const previous = window.onerror;
  window.onerror = function (message, source, line, column, error) {
    if (claim(error ?? message, source)) return true;
    return typeof previous === 'function'
      ? previous.call(this, message, source, line, column, error)
      : false;
  };
}
