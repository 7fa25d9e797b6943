/**
 * What every simulation kernel takes besides its grids: a way to stop it and a way to hear how far it
 * got. Kernels are async and yield to the event loop between chunks of work, so that inside a worker
 * a cancel message gets through and on the main thread the page keeps painting.
 */
export interface RunOptions {
  /** Aborts the run: the kernel rejects with the signal's reason (an `AbortError`). */
  signal?: AbortSignal;
  /** Called with the share done, 0..1, between chunks; the last call is exactly 1. */
  onProgress?: (share: number) => void;
}

/** Resolves on the next task: lets messages (a cancel among them) and rendering in. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    // A MessageChannel round trip is not clamped to 4 ms as nested setTimeout(0) is.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A checkpoint for a kernel's loop: when at least `everyMs` have passed since the last yield, it
 * reports progress, yields and then throws if the run was aborted. Cheap to call often.
 */
export function checkpointer(
  options: RunOptions,
  everyMs = 30,
): (share: number) => Promise<void> | undefined {
  let last = performance.now();
  return (share: number) => {
    const now = performance.now();
    if (now - last < everyMs) return undefined;
    last = now;
    options.onProgress?.(share);
    return yieldToEventLoop().then(() => options.signal?.throwIfAborted());
  };
}
