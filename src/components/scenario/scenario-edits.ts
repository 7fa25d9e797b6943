/**
 * Which greenery edits a scenario runs with. A plan is markup: `<dt-edit>` elements. An edit inside a
 * `<dt-scenario>` applies to that scenario only; an edit elsewhere in the twin (directly in it, or in
 * the editor's plan) applies to every scenario of the twin. An element that is an edit has a
 * `toEdit()` method returning its GeoJSON feature, or undefined while it is not valid (it reports why
 * itself, with `dt-edit-error`).
 */
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';

/** Fired (bubbling, composed) by an edit when it is added, changed or removed (then from its old parent). */
export const EDITS_CHANGE_EVENT = 'dt-edits-change';

/** What the scenario needs of an edit element. */
export interface EditElement extends Element {
  /** The edit as a GeoJSON feature in WGS 84, or undefined while it is not valid. */
  toEdit(): GreeneryEdit | undefined;
}

function isEditElement(element: Element): element is EditElement {
  return typeof (element as Partial<EditElement>).toEdit === 'function';
}

/** Whether an edit element (or the place an edit was removed from) applies to `scenario`. */
export function appliesTo(element: Element, scenario: Element): boolean {
  const owner = element.closest('dt-scenario');
  return owner === null || owner === scenario;
}

/** The valid edits that apply to `scenario`, in document order. */
export function editsOf(scenario: Element): GreeneryEdit[] {
  const twin = scenario.closest('dt-twin');
  if (!twin) return [];
  return [...twin.querySelectorAll('dt-edit')]
    .filter((element) => appliesTo(element, scenario) && isEditElement(element))
    .map((element) => (element as EditElement).toEdit())
    .filter((edit): edit is GreeneryEdit => edit !== undefined);
}
