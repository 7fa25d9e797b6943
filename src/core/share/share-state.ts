/**
 * The shareable state of a twin: what a permalink carries and a context document adds to the
 * markup. Plain data, no DOM: components read it from a twin and apply it to one
 * (src/components/share/twin-state.ts).
 */
import type { GreeneryEdit } from '../sim/greenery-edits.js';
import type { MapView } from './camera.js';

/** A `<dt-compare>`'s state: its `mode` and divider `position` attributes. */
export interface CompareState {
  /** `mode` (`swipe`, `side-by-side`, `difference`, ...). */
  mode: string | null;
  /** `position` of the swipe divider (as the element reads it), or null. */
  position: number | null;
}

/** The state a permalink carries. Every part is optional: what is absent is left as it is. */
export interface ShareState {
  /** The map's view. */
  view?: MapView;
  /** Whether each layer is visible, in layer order (the twin's layers in document order). */
  layers?: boolean[];
  /**
   * The attributes of scenarios (by `id`) that differ from the page's markup: name to value, or
   * null for an attribute the markup has and the state removes.
   */
  scenarios?: Record<string, Record<string, string | null>>;
  /** The greenery edits of the twin's plan, in order (WGS 84, on the 1e-7 degree grid). */
  edits?: GreeneryEdit[];
  /** The `<dt-compare>` element's state, when the twin has one. */
  compare?: CompareState;
}

/** Attribute names a shared state may set: lower case, no event handlers (`on...`). */
export const ATTRIBUTE_NAME = /^(?!on)[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
