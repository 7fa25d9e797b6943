import type { FeatureCollection } from 'geojson';
import { css } from 'lit';
import { property } from 'lit/decorators.js';
import { DtSourceError } from '../../core/errors.js';
import { DtDataSourceElement, type SourceContent } from '../base/dt-data-source-element.js';
import { sourceKind, sourceKindNames } from './source-kinds.js';

/** Attributes whose change does not reload the data. */
const PASSIVE_ATTRIBUTES = new Set(['id', 'attribution', 'aria-hidden', 'class', 'style', 'label']);

/**
 * Whether a mutation changes the data: content edits do; attribute changes do when the value really
 * changed (lit re-sets reflected attributes to the same value) and the attribute is not passive.
 */
function reloads(record: MutationRecord): boolean {
  if (record.type !== 'attributes') return true;
  const name = record.attributeName ?? '';
  const target = record.target as Element;
  return !PASSIVE_ATTRIBUTES.has(name) && target.getAttribute(name) !== record.oldValue;
}

const INLINE_TYPES: Record<string, string> = { geojson: 'application/geo+json' };

/**
 * A data source of the twin. Layers and scenarios name it by `id`.
 *
 * ```html
 * <dt-data-source id="panden" type="geojson" src="data/delft/buildings.geojson"></dt-data-source>
 * <dt-data-source id="punten" type="geojson">
 *   <script type="application/geo+json">{"type": "FeatureCollection", "features": []}</script>
 * </dt-data-source>
 * ```
 *
 * @summary A named data source: GeoJSON, GeoTIFF, OGC API Features, WMS/XYZ/WMTS, vector tiles, CityJSON, 3D Tiles or LAS/LAZ.
 * @slot - An inline `<script type="application/geo+json">` with the data, instead of `src`.
 * @fires dt-source-load - The data loaded; detail `{ sourceId, featureCount, data }`.
 * @fires dt-source-error - Loading failed; detail `{ sourceId, error }` (a `DtSourceError` naming the source and reason).
 */
export class DtDataSource extends DtDataSourceElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /**
   * The kind of source (docs/data-sources/ has a page per kind):
   * - `geojson`: RFC 7946 GeoJSON from `src` or an inline script; `crs` (`EPSG:28992`, ...; a legacy
   *   `crs` member is honoured) reprojects it, and coordinates that cannot be in that CRS are an error;
   * - `geotiff`: a single-band GeoTIFF/COG (band `value`); `crs` names the CRS of a file without one;
   * - `ogc-api-features`: an OGC API - Features collection URL, loaded page by page for the view
   *   (`limit`, `max-features`, `load`, `crs`, `filter`, `cql`, `numbers`);
   * - `wms` (`layers`, `styles`, `version`, `format`, `transparent`), `xyz` (a `{z}/{x}/{y}` template;
   *   `min-zoom`, `max-zoom`, `tile-size`, `bounds`), `wmts` (`layer`, `matrix-set`, `style`, `format`):
   *   web-mercator raster tiles;
   * - `vector-tiles`: MVT from an XYZ template or a PMTiles archive;
   * - `cityjson`: CityJSON 1.x / 2.0 and CityJSONSeq, drawn as meshes (`lod`, `object-types`);
   * - `3d-tiles`: a 3D Tiles tileset.json;
   * - `pointcloud`: LAS/LAZ (`max-points`).
   */
  @property({ reflect: true }) type = 'geojson';
  /** URL of the data, relative to the page. */
  @property({ reflect: true }) src: string | null = null;
  /**
   * The CRS of the data when it is not the kind's default: `EPSG:28992` (RD New), `EPSG:4326`,
   * `EPSG:3857`, or any code given to proj4 first. GeoJSON defaults to WGS 84 (RFC 7946).
   */
  @property({ reflect: true }) crs: string | null = null;
  /** Attribution shown on the map while a layer draws this source. */
  @property({ reflect: true }) attribution: string | null = null;

  #observer: MutationObserver | undefined;

  protected override load(signal: AbortSignal): Promise<FeatureCollection | SourceContent> {
    const loader = sourceKind(this.type);
    if (!loader) {
      return Promise.reject(
        new DtSourceError(
          this.sourceName,
          'unknown-type',
          `unknown type "${this.type}"; known: ${sourceKindNames().join(', ')}`,
        ),
      );
    }
    const script = this.querySelector<HTMLScriptElement>(
      `script[type="${INLINE_TYPES[this.type] ?? 'application/json'}"]`,
    );
    return loader({
      sourceId: this.sourceName,
      url: this.src ? new URL(this.src, this.baseURI).href : undefined,
      inline: script ? { type: script.type, text: script.textContent ?? '' } : undefined,
      signal,
      crs: this.crs ?? undefined,
      element: this,
    });
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (
      (changed.has('src') && changed.get('src') !== undefined) ||
      (changed.has('type') && changed.get('type') !== undefined) ||
      (changed.has('crs') && changed.get('crs') !== undefined)
    ) {
      this.reload();
    }
    if (changed.has('attribution')) this.twin?.changed('sources');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Inline data edited at run time reloads the source, and so does a change of any attribute a
    // kind reads (`lod`, `limit`, `layers`, ...; `src`, `type` and `crs` also reload through lit).
    this.#observer = new MutationObserver((records) => {
      if (records.some((r) => reloads(r))) this.reload();
    });
    this.#observer.observe(this, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeOldValue: true,
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
  }
}
