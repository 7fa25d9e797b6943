import type { Locale } from '../../core/i18n/localize.js';
import { translate } from '../../core/i18n/localize.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { BBox } from '../../core/geo/geojson.js';
import { fetchBytes } from '../../core/tiles/retry.js';
import { RequestScheduler } from '../../core/tiles/scheduler.js';
import { acquireWorkerPool, type WorkerPoolHandle } from '../../core/workers/pool.js';
import type { DtSelection, DtView } from './events.js';
import type { DtDataSourceElement } from './dt-data-source-element.js';
import type { DtLayerElement } from './dt-layer-element.js';

/** What changed in a twin: listeners re-read only what they need. */
export type TwinChangeKind = 'sources' | 'layers' | 'selection' | 'view' | 'locale' | 'settings';

/**
 * The state one `<dt-twin>` shares with its elements through context: its data sources by id, its
 * layers in draw order, the selection, the view bounds and the language. It holds no DOM of its own;
 * elements register themselves and listen to its `change` event (detail: a {@link TwinChangeKind}).
 */
export class TwinController extends EventTarget {
  /** The twin's language. */
  locale: Locale = 'en';
  /** The `basemap` attribute of the twin (see `<dt-twin basemap>`). */
  basemap: string | null = null;
  /** The view shorthand given on `<dt-twin>` (`center`, `zoom`, `pitch`, `bearing`), for its map. */
  view: Partial<DtView> = {};
  /** The view's bounding box in longitude/latitude degrees, set by the map when the view settles. */
  viewBounds: BBox | undefined;

  /** @param host The `<dt-twin>` element: events with no other target are fired on it. */
  constructor(readonly host: HTMLElement) {
    super();
  }

  readonly #sources = new Map<string, DtDataSourceElement>();
  readonly #layers = new Set<DtLayerElement>();
  #selection: DtSelection | null = null;
  #pending = new Set<TwinChangeKind>();
  #flushScheduled = false;

  #workers: WorkerPoolHandle | undefined;

  /**
   * The page's shared worker pool, acquired on first use (no worker starts before a request) and
   * released by {@link TwinController.releaseWorkers} when the twin is disconnected.
   */
  get workers(): WorkerPoolHandle {
    return (this.#workers ??= acquireWorkerPool());
  }

  #tiles: RequestScheduler<ArrayBuffer> | undefined;

  /**
   * The twin's request scheduler for tiles and other keyed byte requests (created on first use):
   * at most six requests per origin, nearest first (`priority`), shared by key, each caller with its
   * own abort signal, and a 50 ms start delay so tiles that leave the view during a fast pan are
   * never requested. Built-in and supplier layers share it, so they do not crowd each other out.
   */
  get tiles(): RequestScheduler<ArrayBuffer> {
    return (this.#tiles ??= new RequestScheduler({ load: fetchBytes, startDelayMs: 50 }));
  }

  /** Gives up this twin's hold on the worker pool, if it took one; `workers` acquires again. */
  releaseWorkers(): void {
    this.#workers?.release();
    this.#workers = undefined;
  }

  /** Localized text in the twin's language (a built-in key or one registered by a supplier). */
  t(key: MessageKey | (string & {}), params?: Record<string, string | number>): string {
    return translate(this.locale, key, params);
  }

  /**
   * Announces a change. Changes made in the same task are coalesced: each listener hears each kind
   * once, after the current task, so a burst of attribute changes rebuilds the map once.
   */
  changed(kind: TwinChangeKind): void {
    this.#pending.add(kind);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      const kinds = [...this.#pending];
      this.#pending.clear();
      for (const k of kinds)
        this.dispatchEvent(new CustomEvent<TwinChangeKind>('change', { detail: k }));
    });
  }

  /** Adds a data source under its id (a later source with the same id wins, as in the DOM). */
  addSource(source: DtDataSourceElement): void {
    if (source.id) this.#sources.set(source.id, source);
    this.changed('sources');
  }

  /** Removes a data source (under every id it was added with). */
  removeSource(source: DtDataSourceElement): void {
    for (const [id, s] of this.#sources) if (s === source) this.#sources.delete(id);
    this.changed('sources');
  }

  /** The data source with this id, if the twin has one. */
  source(id: string | null | undefined): DtDataSourceElement | undefined {
    return id ? this.#sources.get(id) : undefined;
  }

  /** Every data source of the twin. */
  get sources(): DtDataSourceElement[] {
    return [...new Set(this.#sources.values())];
  }

  /** Adds a layer; {@link TwinController.layers} keeps them in document order. */
  addLayer(layer: DtLayerElement): void {
    this.#layers.add(layer);
    this.changed('layers');
  }

  /** Removes a layer, clearing the selection if the selected feature came from it. */
  removeLayer(layer: DtLayerElement): void {
    this.#layers.delete(layer);
    if (this.#selection?.layer === layer) this.select(null);
    this.changed('layers');
  }

  /** The layers in draw order: document order, first drawn first (at the bottom). */
  get layers(): DtLayerElement[] {
    return [...this.#layers].sort((a, b) => {
      if (a.getRootNode() !== b.getRootNode()) return 0;
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  /** The selected feature, or null. */
  get selection(): DtSelection | null {
    return this.#selection;
  }

  /** Selects a feature (or clears the selection with null); the layer fires `dt-select`. */
  select(selection: DtSelection | null): void {
    const same =
      selection?.layer === this.#selection?.layer && selection?.index === this.#selection?.index;
    if (same) return;
    this.#selection = selection;
    this.changed('selection');
    const target = selection?.layer ?? null;
    (target ?? this.host).dispatchEvent(
      new CustomEvent('dt-select', { detail: { selection }, bubbles: true, composed: true }),
    );
  }
}
