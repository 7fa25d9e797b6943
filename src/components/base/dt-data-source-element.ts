import type { FeatureCollection } from 'geojson';
import { DtSourceError } from '../../core/errors.js';
import { geometryBBox, type BBox } from '../../core/geo/geojson.js';
import type { Grid } from '../../core/raster/grid.js';
import { contentHashOf } from '../../core/share/content-hash.js';
import { DtElement } from './dt-element.js';
import type { TwinController } from './twin-controller.js';

/**
 * What a load may give besides features: named raster bands (a GeoTIFF's values, a scenario's depth
 * grids). `<dt-layer type="raster" band="...">` draws a band.
 */
export interface SourceContent {
  /** The features (an empty collection for a pure raster). */
  data: FeatureCollection;
  /** Raster bands by name. */
  bands: Record<string, Grid>;
  /** The bytes as fetched, when the loader has them: `contentHash` is then the SHA-256 of the file. */
  bytes?: ArrayBuffer | Uint8Array;
  /**
   * What the source offers besides features and bands, for layers that know its `kind`: a tile
   * service, a triangle mesh, a point cloud. Layers pick a renderer by this kind (see
   * `components/layer/layer-renderers.ts`).
   */
  payload?: SourcePayload;
}

/**
 * A source's drawable content of a kind other than features and bands (tiles, meshes, points). Each
 * kind defines its own fields; `kind` names it (for example `raster-tiles`, `mesh`, `points`).
 */
export interface SourcePayload {
  /** The payload kind; layers choose their renderer by it. */
  readonly kind: string;
}

/** Whether a load result carries bands. */
function isSourceContent(value: FeatureCollection | SourceContent): value is SourceContent {
  return 'bands' in value;
}

/** Where a data source is in its life. */
export type SourceState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The base class of every data source, built-in or a supplier's. A subclass implements
 * {@link DtDataSourceElement.load}; this class registers the source with its twin under its `id`,
 * aborts a stale load when inputs change, keeps the last good data, and fires `dt-source-load` or
 * `dt-source-error`.
 *
 * @fires dt-source-load - The data loaded; detail `{ sourceId, featureCount, data, bands }` (band names).
 * @fires dt-source-error - The data could not be loaded; detail `{ sourceId, error: DtSourceError }`.
 */
export abstract class DtDataSourceElement extends DtElement {
  /** The loaded features (the last good load), or undefined before the first success. */
  data: FeatureCollection | undefined;
  /** Bounding box of each feature, parallel to `data.features` (longitude/latitude). */
  featureBBoxes: (BBox | undefined)[] = [];
  /** Raster bands of the last good load, by name (empty for a vector source). */
  bands: Readonly<Record<string, Grid>> = {};
  /** The payload of the last good load (tiles, mesh, points), if the kind gives one. */
  payload: SourcePayload | undefined;
  /** Where the source is in its life. */
  state: SourceState = 'idle';
  /** The error of the last load, if it failed. */
  error: DtSourceError | undefined;
  /**
   * SHA-256 (64 hex digits) of the last good load: of the fetched bytes when the loader handed them
   * over, else of a canonical serialisation of the features and bands (see core/share/content-hash).
   * Undefined until computed (it starts after each load; {@link hashContent} waits for it).
   */
  contentHash: string | undefined;
  #contentHashRun: Promise<string> | undefined;
  #contentBytes: ArrayBuffer | Uint8Array | undefined;

  #abort: AbortController | undefined;
  #settled: Promise<void> = Promise.resolve();
  #reloadQueued = false;

  /**
   * Loads the source's data. Called on connection and by {@link reload}; the signal aborts when a newer
   * load starts or the element leaves the page.
   * @throws DtSourceError naming this source and what was wrong.
   */
  protected abstract load(signal: AbortSignal): Promise<FeatureCollection | SourceContent>;

  /** Resolves when the current load has finished, successfully or not. */
  get settled(): Promise<void> {
    return this.#settled;
  }

  /** Whether {@link contentHash} is computed right after each load (else on first {@link hashContent}). */
  protected get hashesOnLoad(): boolean {
    return true;
  }

  /** The content hash of the current data (see {@link contentHash}), computed once per load. */
  hashContent(): Promise<string> {
    const data = this.data ?? { type: 'FeatureCollection' as const, features: [] };
    const run = (this.#contentHashRun ??= contentHashOf({
      bytes: this.#contentBytes,
      data,
      bands: this.bands,
    }).then((hash) => {
      if (this.#contentHashRun === run) this.contentHash = hash;
      return hash;
    }));
    return run;
  }

  /** The name used in errors: the id, or `(anonymous)`. */
  get sourceName(): string {
    return this.id || '(anonymous)';
  }

  /** Reloads the data (after the current task, so several changes give one load). */
  reload(): void {
    if (this.#reloadQueued) return;
    this.#reloadQueued = true;
    let resolveSettled!: () => void;
    this.#settled = new Promise((resolve) => (resolveSettled = resolve));
    queueMicrotask(() => {
      this.#reloadQueued = false;
      void this.#run().finally(resolveSettled);
    });
  }

  /**
   * Stops the load in progress (a scenario's run): its result is dropped and the source keeps its
   * last good data. Nothing happens when no load is running.
   */
  cancel(): void {
    if (this.state !== 'loading') return;
    this.#abort?.abort();
    this.state = this.data ? 'ready' : 'idle';
    this.twin?.changed('sources');
  }

  async #run(): Promise<void> {
    this.#abort?.abort();
    if (!this.isConnected) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.state = 'loading';
    this.twin?.changed('sources');
    try {
      const loaded = await this.load(abort.signal);
      if (abort.signal.aborted) return;
      const data = isSourceContent(loaded) ? loaded.data : loaded;
      this.bands = isSourceContent(loaded) ? loaded.bands : {};
      this.payload = isSourceContent(loaded) ? loaded.payload : undefined;
      this.data = data;
      this.featureBBoxes = data.features.map((f) => geometryBBox(f.geometry));
      this.state = 'ready';
      this.error = undefined;
      this.#contentBytes = isSourceContent(loaded) ? loaded.bytes : undefined;
      this.#contentHashRun = undefined;
      this.contentHash = undefined;
      if (this.hashesOnLoad) void this.hashContent().catch(() => undefined); // no Web Crypto: no hash
      this.emit('dt-source-load', {
        sourceId: this.sourceName,
        featureCount: data.features.length,
        data,
        bands: Object.keys(this.bands),
      });
    } catch (cause) {
      if (abort.signal.aborted) return;
      const error =
        cause instanceof DtSourceError
          ? cause
          : new DtSourceError(
              this.sourceName,
              'parse',
              cause instanceof Error ? cause.message : String(cause),
              { cause },
            );
      this.state = 'error';
      this.error = error;
      this.emit('dt-source-error', { sourceId: this.sourceName, error });
    } finally {
      if (this.#abort === abort) this.twin?.changed('sources');
    }
  }

  protected override twinConnected(twin: TwinController): void {
    twin.addSource(this);
    this.reload();
  }

  protected override twinDisconnected(twin: TwinController): void {
    this.#abort?.abort();
    twin.removeSource(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('aria-hidden', 'true');
  }
}
