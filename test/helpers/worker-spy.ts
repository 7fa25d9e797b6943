import type { FromWorker, ToWorker } from '../../src/core/workers/messages.js';

/** Counts of {@link spyTerrainTiles}, live while it is installed. */
export interface TerrainTileSpy {
  /** 'terrain-tile' requests posted to workers. */
  requested: number;
  /** Responses (not errors) to those requests. */
  answered: number;
  /** `OffscreenCanvas.convertToBlob` calls on the main thread (the PNG encoder). */
  mainThreadEncodes: number;
  /** Puts the originals back. */
  restore(): void;
}

/** Wraps `Worker.prototype.postMessage` and the main thread's PNG encoder to count terrain tiles. */
export function spyTerrainTiles(): TerrainTileSpy {
  const [post, encode] = [Worker.prototype.postMessage, OffscreenCanvas.prototype.convertToBlob];
  // Request ids are per worker: the 'terrain-tile' ids sent to each one.
  const sent = new Map<Worker, Set<number>>();
  const spy: TerrainTileSpy = {
    requested: 0,
    answered: 0,
    mainThreadEncodes: 0,
    restore() {
      Worker.prototype.postMessage = post;
      OffscreenCanvas.prototype.convertToBlob = encode;
    },
  };
  Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
    const message = args[0] as ToWorker;
    if (!sent.has(this)) {
      const ids = new Set<number>();
      sent.set(this, ids);
      this.addEventListener('message', ({ data }: MessageEvent<FromWorker>) => {
        if (data.kind === 'response' && ids.has(data.id)) spy.answered++;
      });
    }
    if (message.kind === 'request' && message.type === 'terrain-tile') {
      sent.get(this)?.add(message.id);
      spy.requested++;
    }
    return (post as (...a: unknown[]) => void).apply(this, args);
  } as typeof post;
  OffscreenCanvas.prototype.convertToBlob = function (this: OffscreenCanvas, ...args) {
    spy.mainThreadEncodes++;
    return encode.apply(this, args);
  };
  return spy;
}
