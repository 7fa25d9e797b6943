import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { AttributionControl, Map as MapLibreMap, NavigationControl } from 'maplibre-gl';
import { basemapStyle } from '../../core/style/basemap.js';
import { DELFT_DATA, DELFT_VIEW } from '../../default-data.js';
import { DtElement } from '../base/dt-element.js';
import type { DtView } from '../base/events.js';
import type { DtLayerElement } from '../base/dt-layer-element.js';
import type { TwinChangeKind, TwinController } from '../base/twin-controller.js';
import { mapStyles } from './dt-map.styles.js';
import { createLighting } from './lighting.js';
import { MapTerrain } from './terrain.js';
import { mergeViews, viewFromAttributes } from './view.js';

/**
 * Changes how one map draws one twin layer: gets the layer element and its deck.gl layers, returns the
 * deck.gl layers to draw instead (none to hide it, clones with an extension to clip it). See
 * {@link DtMap.addLayerDecorator}.
 */
export type LayerDecorator = (element: DtLayerElement, layers: Layer[]) => Layer[];

/**
 * The map of a twin: a MapLibre map with deck.gl drawn into the same WebGL context (interleaved), so
 * 3D layers and the basemap share one depth buffer.
 *
 * ```html
 * <dt-map center="4.3658,52.0122" zoom="16" pitch="55"></dt-map>
 * ```
 *
 * Resilience: the map follows its container's size (also after `display: none` and after a move in
 * the DOM, through MapLibre's ResizeObserver); when the GPU drops the WebGL context it shows a status
 * message and rebuilds itself, at the same view, once the browser restores the context; without
 * WebGL it shows an alert instead of the map. Camera animations (keyboard, zoom buttons, inertia) are
 * jumps when the user prefers reduced motion (MapLibre reads `prefers-reduced-motion`; the element's
 * own view changes always jump). Importing this module needs no DOM: the map is created when the
 * element connects, so `tweeling` can be imported in server-side code.
 *
 * @summary The 3D map of a twin (MapLibre + deck.gl).
 * @fires dt-ready - The first complete frame is drawn: the basemap and every layer whose source had settled. Detail `{ view }`. Fires again when the map is rebuilt (after it is re-attached, or after the browser restored a lost WebGL context).
 * @fires dt-view-change - The view settled after a move. Detail `{ view }`.
 * @csspart map - The map container.
 * @cssproperty --dt-map-min-height - Minimum height of the map (default 300px).
 * @cssproperty --dt-map-background - Background shown before the basemap draws.
 * @cssproperty --dt-focus-color - Colour of the focus ring on the map.
 */
export class DtMap extends DtElement {
  static override styles = mapStyles;

  /** Centre of the view, `"longitude,latitude"` in degrees (WGS 84). */
  @property({ reflect: true }) center: string | null = null;
  /** Zoom level (Web Mercator, 512-px tiles). */
  @property({ type: Number, reflect: true }) zoom: number | null = null;
  /** Tilt of the view in degrees: 0 looks straight down. */
  @property({ type: Number, reflect: true }) pitch: number | null = null;
  /** Rotation of the view in degrees clockwise from north. */
  @property({ type: Number, reflect: true }) bearing: number | null = null;
  /** The basemap: empty or `offline` (the shipped BGT land cover), `none`, an XYZ template or a style URL. Default: the twin's. */
  @property({ reflect: true }) basemap: string | null = null;
  /** Keep the drawn frame readable (for screenshots, exports and pixel tests); costs some speed. */
  @property({ type: Boolean, attribute: 'preserve-drawing-buffer' }) preserveDrawingBuffer = false;
  /** Terrain: a DTM GeoTIFF URL (EPSG:28992, heights in metres), or `default` for the shipped Delft AHN3 DTM. */
  @property({ reflect: true }) terrain: string | null = null;
  /** Vertical exaggeration of the terrain (default 1). */
  @property({ type: Number, reflect: true, attribute: 'terrain-exaggeration' })
  terrainExaggeration = 1;

  @query('.map') private container!: HTMLDivElement;
  @state() private failure: string | undefined;
  /** The WebGL context was lost: the map is being rebuilt (shown as a status message). */
  @state() private restoring = false;

  #map: MapLibreMap | undefined;
  #overlay: MapLibreOverlay | undefined;
  #terrain: MapTerrain | undefined;
  #attribution: AttributionControl | undefined;
  #attributionText = '';
  #appliedBasemap: string | null = null;
  #ready = false;
  /** The style has loaded: deck.gl layers are handed over only from then on (see announceReady). */
  #styleLoaded = false;
  #readyPromise: Promise<void> | undefined;
  #resolveReady: (() => void) | undefined;
  /** The map's WebGL context is lost: leave the map alone until the browser restores it. */
  #contextLost = false;
  /** A view set (by attributes or the twin) while the context was lost: the rebuilt map starts there. */
  #viewWhileLost: DtView | undefined;

  readonly #decorators = new Set<LayerDecorator>();

  /**
   * Lets a tool change how this map draws the twin's layers (`<dt-compare>` clips scenario A and B at
   * the swipe divider and splits them over two views): `decorate` gets each twin layer's deck.gl
   * layers and returns the ones this map draws. Adding and removing it redraw the layers. Returns the
   * function that removes it.
   */
  addLayerDecorator(decorate: LayerDecorator): () => void {
    this.#decorators.add(decorate);
    this.syncLayers();
    return () => {
      if (this.#decorators.delete(decorate)) this.syncLayers();
    };
  }

  /** The MapLibre map, for power users (undefined until the map is created). */
  get map(): MapLibreMap | undefined {
    return this.#map;
  }

  /** The deck.gl overlay (`setProps`, `pickObject`, ...), for power users. */
  get deck(): MapLibreOverlay | undefined {
    return this.#overlay;
  }

  /** Resolves once the map has fired `dt-ready`. */
  get ready(): Promise<void> {
    this.#readyPromise ??= new Promise((resolve) => (this.#resolveReady = resolve));
    if (this.#ready) this.#resolveReady?.();
    return this.#readyPromise;
  }

  /** The current view of the map (or the configured one before it exists). */
  get view(): DtView {
    const map = this.#map;
    if (!map) return this.configuredView();
    const c = map.getCenter();
    return {
      center: [c.lng, c.lat],
      zoom: map.getZoom(),
      pitch: map.getPitch(),
      bearing: map.getBearing(),
    };
  }

  /** Resolves after the map has drawn every pending change (the next idle frame). */
  async rendered(): Promise<void> {
    const map = this.#map;
    if (!map) return;
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.once('remove', () => resolve()); // removed (or rebuilt) before it drew: nothing left to wait for
      map.triggerRepaint();
    });
  }

  private configuredView(): DtView {
    return mergeViews(DELFT_VIEW, viewFromAttributes(this), this.twin?.view ?? {});
  }

  override render() {
    return html`<div class="map" part="map"></div>
      <p id="description" class="visually-hidden">${this.t('twin.description')}</p>
      <p class="status" role="status">${this.restoring ? this.t('map.restoring') : nothing}</p>
      ${this.failure ? html`<p class="message" role="alert">${this.failure}</p>` : nothing}`;
  }

  protected override firstUpdated(): void {
    this.createMap();
  }

  protected override twinConnected(_twin: TwinController): void {
    if (this.hasUpdated) this.createMap();
  }

  protected override twinChanged(kind: TwinChangeKind): void {
    if (kind === 'view') return;
    if (kind === 'locale') this.requestUpdate();
    if (kind === 'settings') {
      this.applyView();
      this.applyBasemap();
    }
    this.syncLayers();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (!this.#map) return;
    if (['center', 'zoom', 'pitch', 'bearing'].some((k) => changed.has(k))) this.applyView();
    if (changed.has('basemap')) this.applyBasemap();
    if (changed.has('terrain') || changed.has('terrainExaggeration')) this.applyTerrain();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.createMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move in the DOM disconnects and reconnects in one task: keep the map through it.
    queueMicrotask(() => {
      if (!this.isConnected) this.destroyMap();
    });
  }

  private effectiveBasemap(): string | null {
    return this.basemap ?? this.twin?.basemap ?? null;
  }

  private createMap(view: DtView = this.configuredView()): void {
    if (this.#map || !this.isConnected || !this.twin || !this.container) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container: this.container,
        style: basemapStyle((this.#appliedBasemap = this.effectiveBasemap()), DELFT_DATA.landcover),
        center: view.center,
        zoom: view.zoom,
        pitch: view.pitch,
        bearing: view.bearing,
        maxPitch: 85,
        attributionControl: false,
        canvasContextAttributes: {
          antialias: true,
          preserveDrawingBuffer: this.preserveDrawingBuffer,
        },
        locale: {
          'Map.Title': this.t('map.label'),
          'NavigationControl.ZoomIn': this.t('maplibre.zoomIn'),
          'NavigationControl.ZoomOut': this.t('maplibre.zoomOut'),
          'NavigationControl.ResetBearing': this.t('maplibre.resetBearing'),
          'AttributionControl.ToggleAttribution': this.t('maplibre.attribution'),
        },
      });
    } catch (error) {
      this.failure = this.t('webgl.unavailable');
      this.restoring = false;
      console.warn('Tweeling: the map could not be created', error);
      return;
    }
    this.failure = undefined;
    this.#map = map;
    map.on('webglcontextlost', this.onContextLost);
    map.on('webglcontextrestored', this.onContextRestored);
    map.getCanvas().setAttribute('aria-describedby', 'description');
    map.addControl(new NavigationControl({ visualizePitch: true }), 'top-left');
    this.#overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      effects: [createLighting()],
      // deck.gl counts a press as a click only when released within 250 ms: a slow press on a
      // building (or a busy main thread between press and release) selected nothing, while MapLibre
      // (and the plan and measure tools) took it as a click. Any press that moves less than MapLibre's
      // click tolerance is a click here too.
      eventRecognizerOptions: { click: { time: Number.POSITIVE_INFINITY, threshold: 3 } },
      onClick: (info) => {
        if (!info.layer) this.twin?.select(null);
      },
    });
    map.addControl(this.#overlay);
    map.on('moveend', this.onMoveEnd);
    const workers = () => this.twin?.workers;
    this.#terrain = new MapTerrain(map, () => this.syncLayers(), workers);
    this.applyTerrain();
    this.updateAttribution();
    void this.announceReady(map);
  }

  private async announceReady(map: MapLibreMap): Promise<void> {
    // Layers are handed to deck.gl only after the basemap's style has loaded: drawing 3D layers in the
    // frames before it only slows the basemap's own loading (measured in bench/: about 1 s).
    if (!map.loaded()) await new Promise((resolve) => map.once('load', resolve));
    await Promise.all((this.twin?.sources ?? []).map((s) => s.settled));
    await this.#terrain?.settled;
    if (this.#map !== map) return;
    this.#styleLoaded = true;
    this.syncLayers();
    this.updateViewBounds();
    await this.rendered();
    if (this.#map !== map) return;
    this.#ready = true;
    this.restoring = false;
    this.#resolveReady?.();
    this.emit('dt-ready', { view: this.view });
  }

  private destroyMap(): void {
    const map = this.#map;
    if (!map) return;
    this.#map = undefined;
    map.off('moveend', this.onMoveEnd);
    map.off('webglcontextlost', this.onContextLost);
    map.off('webglcontextrestored', this.onContextRestored);
    this.#terrain?.dispose();
    this.#terrain = undefined;
    // While the context is lost MapLibre has no style, and removing deck.gl's layers from it throws:
    // the map goes anyway, and with it every layer.
    const lost = this.#contextLost;
    try {
      this.#overlay?.finalize();
    } catch (error) {
      if (!lost) console.warn('Tweeling: the deck.gl overlay could not be removed', error);
    }
    this.#overlay = undefined;
    this.#attribution = undefined;
    try {
      map.remove();
    } catch (error) {
      if (!lost) throw error;
    }
    this.#ready = false;
    this.#styleLoaded = false;
    this.#readyPromise = undefined;
    this.#contextLost = false;
    this.#viewWhileLost = undefined;
    this.restoring = false;
  }

  /**
   * The GPU dropped the map's WebGL context (driver reset, too many contexts, a phone putting the
   * tab to sleep). MapLibre keeps a snapshot of its style and waits for the browser to restore the
   * context, but deck.gl's layers live in that context as MapLibre custom layers, which it cannot
   * restore, and deck.gl is not told (it shares MapLibre's context). So from here on the map is left
   * alone, and a status message says it is being restored.
   */
  private readonly onContextLost = (): void => {
    this.#contextLost = true;
    this.restoring = true;
    console.warn(
      'Tweeling: the map lost its WebGL context; it is rebuilt when the browser restores it',
    );
  };

  /**
   * The browser restored the context: rebuild the map from scratch (a new canvas, so a fresh context
   * for both MapLibre and deck.gl, whose cached GL state and resources belong to the lost one) at
   * the view it had, as a re-attached map is. Done at once, inside MapLibre's own handler, so the
   * style it has just started to rebuild is dropped before its sources load.
   */
  private readonly onContextRestored = (): void => {
    if (!this.#map || !this.#contextLost) return;
    const view = this.#viewWhileLost ?? this.view;
    this.destroyMap();
    this.restoring = true;
    this.createMap(view);
  };

  private readonly onMoveEnd = () => {
    this.updateViewBounds();
    this.emit('dt-view-change', { view: this.view });
  };

  private updateViewBounds(): void {
    const map = this.#map;
    if (!map || !this.twin) return;
    const b = map.getBounds();
    this.twin.viewBounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    this.twin.changed('view');
  }

  private applyView(): void {
    const view = this.configuredView();
    if (this.#contextLost) this.#viewWhileLost = view;
    else this.#map?.jumpTo(view);
  }

  private applyTerrain(): void {
    if (this.#contextLost) return; // the rebuilt map takes the current terrain
    const url = this.terrain === 'default' ? DELFT_DATA.dtm : this.terrain || null;
    void this.#terrain?.set(url, this.terrainExaggeration);
  }

  private applyBasemap(): void {
    const basemap = this.effectiveBasemap();
    // While the context is lost the rebuilt map will take the current basemap.
    if (!this.#map || this.#contextLost || basemap === this.#appliedBasemap) return;
    this.#appliedBasemap = basemap;
    this.#map.setStyle(basemapStyle(basemap, DELFT_DATA.landcover));
    this.updateAttribution();
  }

  /** Collects the deck.gl layers of every twin layer, in draw order. A broken layer is left out, not fatal. */
  private syncLayers(): void {
    if (!this.#overlay || !this.twin || !this.#styleLoaded || this.#contextLost) return;
    const layers: Layer[] = [];
    for (const element of this.twin.layers) {
      try {
        let drawn = element.renderLayers();
        for (const decorate of this.#decorators) drawn = decorate(element, drawn);
        layers.push(...drawn);
      } catch (error) {
        console.warn(`Tweeling: layer "${element.displayName}" could not be drawn`, error);
      }
    }
    this.#overlay.setProps({ layers: this.#terrain?.lift(layers) ?? layers });
    this.updateAttribution();
  }

  private updateAttribution(): void {
    const map = this.#map;
    if (!map || this.#contextLost) return;
    const parts = new Set<string>();
    for (const layer of this.twin?.layers ?? []) {
      const text = layer.sourceElement?.getAttribute('attribution');
      if (text && layer.visible) parts.add(text);
    }
    const text = [...parts].join(' · ');
    if (text === this.#attributionText && this.#attribution) return;
    this.#attributionText = text;
    if (this.#attribution) map.removeControl(this.#attribution);
    this.#attribution = new AttributionControl({ compact: false, customAttribution: text });
    map.addControl(this.#attribution, 'bottom-right');
  }
}
