/** Client side of scripts/test-tile-server-plugin.mjs: the dev server's tile and status endpoints. */

/** Counters of one run of `/test-tiles`, as the server saw them. */
export interface TileServerStats {
  started: number;
  completed: number;
  aborted: number;
  bytesSent: number;
  inFlight: number;
  maxInFlight: number;
  completedTiles: string[];
  abortedTiles: string[];
}

/** A run name nobody else uses, so counters of one test are its own. */
export function newRun(name: string): string {
  return `${name}-${Math.random().toString(36).slice(2, 10)}`;
}

/** URL of tile `key` ("z/x/y") of `run`, answered after `delayMs`. */
export function tileUrl(run: string, key: string, delayMs: number): string {
  return `/test-tiles/${key}.bin?delay=${delayMs}&run=${run}`;
}

/** The server's counters of `run`. */
export async function serverStats(run: string): Promise<TileServerStats> {
  return (await fetch(`/test-tiles/stats?run=${run}`)).json() as Promise<TileServerStats>;
}

/** Polls the counters of `run` until `done` holds or `timeoutMs` passes; returns the last ones. */
export async function statsWhen(
  run: string,
  done: (stats: TileServerStats) => boolean,
  timeoutMs = 3000,
): Promise<TileServerStats> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const stats = await serverStats(run);
    if (done(stats) || performance.now() > end) return stats;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** How many requests `/test-status/...?id=` has seen. */
export async function statusRequests(id: string): Promise<number> {
  const body = (await (await fetch(`/test-status/stats?id=${id}`)).json()) as { requests: number };
  return body.requests;
}

/** The rejection of `promise` (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
