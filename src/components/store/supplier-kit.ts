/**
 * What a supplier's module gets besides the base classes, so that it needs no imports of its own and
 * runs on the SDK's single copy of lit and deck.gl (one WebGL context, one set of classes): a few
 * deck.gl layer classes to draw with, lit's template tags to render panels, and the CRS converter.
 * A store module reaches all of it through `globalThis.Tweeling` (see docs/write-a-component.md).
 */
import {
  BitmapLayer,
  ColumnLayer,
  GeoJsonLayer,
  IconLayer,
  LineLayer,
  PathLayer,
  PolygonLayer,
  ScatterplotLayer,
  SolidPolygonLayer,
  TextLayer,
} from '@deck.gl/layers';
import { css, html, nothing, svg, unsafeCSS } from 'lit';

/**
 * The deck.gl layer classes a supplier's layer may return from `renderLayers()`: the SDK's own
 * copies, so they draw into the twin's one WebGL context. @public
 */
export const deckLayers = Object.freeze({
  /** An image on a bounding box (rasters, heat maps). */
  BitmapLayer,
  /** Extruded columns at points (bars on the map). */
  ColumnLayer,
  /** GeoJSON features: points, lines and (extruded) polygons. */
  GeoJsonLayer,
  /** Icons from an atlas at points. */
  IconLayer,
  /** Straight lines between two points. */
  LineLayer,
  /** Paths (polylines) with a width in metres or pixels. */
  PathLayer,
  /** Polygons with outlines, optionally extruded. */
  PolygonLayer,
  /** Circles at points, with a radius in metres or pixels. */
  ScatterplotLayer,
  /** Filled polygons without outlines, optionally extruded. */
  SolidPolygonLayer,
  /** Text labels at points. */
  TextLayer,
});

/**
 * lit's template and style tags, for a supplier's panel or control (a `DtPanelElement` subclass
 * returns `html\`...\`` from `render()`; values are escaped, never parsed as HTML). @public
 */
export const litTemplates = Object.freeze({
  /** HTML templates: `html\`<p>${text}</p>\``; interpolated values are escaped. */
  html,
  /** SVG templates, inside an `<svg>` of an `html` template. */
  svg,
  /** Styles for `static styles`. */
  css,
  /** Renders nothing (an empty slot in a template). */
  nothing,
  /** Trusted CSS text into `css` (never with data from outside). */
  unsafeCSS,
});
