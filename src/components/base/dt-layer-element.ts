import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { property } from 'lit/decorators.js';
import type { Legend } from '../../core/style/color-scale.js';
import { DtElement } from './dt-element.js';
import type { DtDataSourceElement } from './dt-data-source-element.js';
import type { TwinController, TwinChangeKind } from './twin-controller.js';

/** `visible="false"` hides a layer; the attribute absent or anything else shows it. */
const booleanTrueByDefault = {
  fromAttribute: (value: string | null) => value === null || value.toLowerCase() !== 'false',
  toAttribute: (value: boolean) => (value ? null : 'false'),
};

/**
 * The base class of every layer, built-in or a supplier's. It binds a layer to a data source by id
 * (`source`), registers the layer with its twin (draw order follows document order), and asks the map to
 * redraw when an attribute changes. A subclass implements {@link DtLayerElement.renderLayers} (deck.gl
 * layers for the current data) and may implement {@link DtLayerElement.legend}.
 *
 * @fires dt-select - A feature of this layer was selected (click or the features-in-view list). Detail `{ selection }`.
 */
export abstract class DtLayerElement extends DtElement {
  /** The `id` of the `<dt-data-source>` (or scenario) this layer draws. */
  @property({ reflect: true }) source: string | null = null;
  /** Whether the layer is drawn. `visible="false"` hides it. */
  @property({ reflect: true, converter: booleanTrueByDefault }) visible = true;
  /** Opacity, 0 (transparent) to 1. */
  @property({ type: Number, reflect: true }) opacity = 1;
  /** The layer's name in the layer list and legend (default: the source id). */
  @property({ reflect: true }) label: string | null = null;

  /** A unique id for the deck.gl layers of this element. */
  readonly layerId = `dt-layer-${nextLayerNumber++}`;

  /** The data source element this layer draws, if the twin has it. */
  get sourceElement(): DtDataSourceElement | undefined {
    return this.twin?.source(this.source);
  }

  /** The name to show for the layer. */
  get displayName(): string {
    return this.label ?? this.source ?? this.layerId;
  }

  /**
   * The deck.gl layers that draw this element now. Called by the map whenever the twin changes;
   * return layers with stable ids (derived from {@link layerId}) so deck.gl diffs instead of rebuilding.
   */
  abstract renderLayers(): Layer[];

  /** The legend for what this layer shows, or undefined when it has none. */
  legend(): Legend | undefined {
    return undefined;
  }

  /** The colour (CSS) the layer draws `feature` in, when it has one colour per feature. */
  featureColor(_feature: Feature): string | undefined {
    return undefined;
  }

  /** Selects feature `index` of this layer's source, as a click on it would. */
  selectFeature(index: number): void {
    const source = this.sourceElement;
    const feature = source?.data?.features[index];
    if (!this.twin || !source || !feature) return;
    this.twin.select({ layer: this, sourceId: source.id, index, feature });
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.size > 0) this.twin?.changed('layers');
  }

  protected override twinConnected(twin: TwinController): void {
    twin.addLayer(this);
  }

  protected override twinDisconnected(twin: TwinController): void {
    twin.removeLayer(this);
  }

  /** Layers redraw through the map; they render no DOM of their own. */
  protected override twinChanged(_kind: TwinChangeKind): void {}

  #attributes: MutationObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('aria-hidden', 'true');
    // Any attribute change redraws, also those a renderer reads without a declared property
    // (`azimuth` of a hillshade, `source-layer` of vector tiles, a supplier's own attributes).
    this.#attributes = new MutationObserver(() => this.twin?.changed('layers'));
    this.#attributes.observe(this, { attributes: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#attributes?.disconnect();
  }
}

let nextLayerNumber = 1;
