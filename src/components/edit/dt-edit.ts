import type { Geometry } from 'geojson';
import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { DtSourceError } from '../../core/errors.js';
import {
  editProblem,
  type EditAction,
  type EditProperties,
  type GreeneryEdit,
} from '../../core/sim/greenery-edits.js';
import { EDITS_CHANGE_EVENT, type EditElement } from '../scenario/scenario-edits.js';

/** The event an invalid edit fires. */
export const EDIT_ERROR_EVENT = 'dt-edit-error';

/** Detail of `dt-edit-error`. */
export interface DtEditErrorDetail {
  /** The edit's id (`edit-id`, else `id`, else one made up for the element). */
  editId: string;
  /** What is wrong: code `invalid-parameter`, the edit's id as `sourceId`, the reason. */
  error: DtSourceError;
}

/** Detail of `dt-edits-change`. */
export interface DtEditsChangeDetail {
  /** The edit's id. */
  editId: string;
  /** `added` (connected), `changed` (an attribute) or `removed` (fired from the former parent). */
  change: 'added' | 'changed' | 'removed';
}

let counter = 0;

/**
 * One greenery edit of a plan, as markup: what to do (`action`) where (`geometry`, GeoJSON in
 * WGS 84). Scenarios in the same `<dt-twin>` run with it (an edit inside a `<dt-scenario>` only with
 * that scenario) and show the difference with the situation without edits. It shows nothing itself.
 *
 * ```html
 * <dt-edit action="add-park" label="Pocket park"
 *          geometry='{"type":"Polygon","coordinates":[[[4.3651,52.0121],[4.3656,52.0121],[4.3656,52.0124],[4.3651,52.0121]]]}'></dt-edit>
 * <dt-edit action="add-trees" crown-radius="5"
 *          geometry='{"type":"MultiPoint","coordinates":[[4.3660,52.0118],[4.3662,52.0119]]}'></dt-edit>
 * ```
 *
 * An edit that is not valid (unknown action, geometry that is not JSON or not a polygon, a point
 * edit that is not `add-trees`, a crown radius outside (0, 50] m) fires `dt-edit-error` and is left
 * out of the runs; everything else keeps working. See docs/greenery-edits.md.
 *
 * @summary A greenery edit (trees, park, green roof, remove green, pave) that scenarios run with.
 * @fires dt-edits-change - The edit was added, changed or removed (then from its former parent); scenarios rerun. Detail `{ editId, change }`.
 * @fires dt-edit-error - The edit is not valid; detail `{ editId, error }` (a `DtSourceError` with code `invalid-parameter` naming the edit and the reason).
 */
export class DtEdit extends LitElement implements EditElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** What the edit does: `add-trees`, `add-park`, `green-roof`, `remove-green` or `pave`. */
  @property({ reflect: true }) action: string | null = null;
  /** Where: a GeoJSON geometry in WGS 84 lon/lat (Polygon or MultiPolygon; Point or MultiPoint for `add-trees`). */
  @property({ reflect: true }) geometry: string | null = null;
  /** A name for the edit, shown in lists. */
  @property({ reflect: true }) label: string | null = null;
  /** `add-trees` with points: the crown radius of each tree in metres (default 4). */
  @property({ type: Number, reflect: true, attribute: 'crown-radius' }) crownRadius: number | null =
    null;
  /** A stable id for the edit (default: the element's `id`, else one made up for it). */
  @property({ reflect: true, attribute: 'edit-id' }) editId: string | null = null;

  readonly #fallbackId = `edit-${++counter}`;
  #parent: Node | null = null;
  /** Whether `dt-edits-change` went out once: later updates are changes. */
  #announced = false;

  /** The id the edit goes by: `edit-id`, else `id`, else one made up for this element. */
  get resolvedId(): string {
    return this.editId || this.id || this.#fallbackId;
  }

  /** The edit as a feature, valid or not, or the reason the geometry could not be read. */
  #feature(): GreeneryEdit | string {
    if (this.geometry === null || this.geometry.trim() === '') return 'no geometry given';
    let geometry: Geometry;
    try {
      geometry = JSON.parse(this.geometry) as Geometry;
    } catch {
      return 'geometry is not valid JSON';
    }
    const id = this.resolvedId;
    const properties: EditProperties = { action: this.action as EditAction, id };
    if (this.label) properties.label = this.label;
    if (this.crownRadius !== null) properties.crownRadiusM = this.crownRadius;
    return { type: 'Feature', id, geometry, properties } as GreeneryEdit;
  }

  /** Why the edit is not valid, or undefined when it is. */
  get problem(): string | undefined {
    const feature = this.#feature();
    return typeof feature === 'string' ? feature : editProblem(feature);
  }

  /** The edit as a GeoJSON feature in WGS 84, or undefined while it is not valid. */
  toEdit(): GreeneryEdit | undefined {
    const feature = this.#feature();
    return typeof feature === 'string' || editProblem(feature) ? undefined : feature;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#parent = this.parentNode;
    // The first update announces a new element; a moved one (already updated) announces here.
    if (this.hasUpdated) this.#announce('added');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const parent = this.#parent;
    this.#parent = null;
    // Fired from where the edit was, so it still reaches the twin and the scenario it was in.
    parent?.dispatchEvent(
      new CustomEvent<DtEditsChangeDetail>(EDITS_CHANGE_EVENT, {
        detail: { editId: this.resolvedId, change: 'removed' },
        bubbles: true,
        composed: true,
      }),
    );
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.isConnected) this.#announce(changed.size > 0 && this.#announced ? 'changed' : 'added');
  }

  /** Reports a problem (if any), then tells the scenarios to rerun. */
  #announce(change: DtEditsChangeDetail['change']): void {
    this.#announced = true;
    const editId = this.resolvedId;
    const problem = this.problem;
    if (problem) {
      const error = new DtSourceError(editId, 'invalid-parameter', `edit "${editId}": ${problem}`);
      this.dispatchEvent(
        new CustomEvent<DtEditErrorDetail>(EDIT_ERROR_EVENT, {
          detail: { editId, error },
          bubbles: true,
          composed: true,
        }),
      );
    }
    this.dispatchEvent(
      new CustomEvent<DtEditsChangeDetail>(EDITS_CHANGE_EVENT, {
        detail: { editId, change },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Registers `tag` for this class unless a class is already registered for it. */
  static define(tag = 'dt-edit'): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-edit-error': CustomEvent<DtEditErrorDetail>;
    'dt-edits-change': CustomEvent<DtEditsChangeDetail>;
  }
}
