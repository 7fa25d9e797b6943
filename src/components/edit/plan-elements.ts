/**
 * A plan's edits as markup: `<dt-edit data-plan="<plan name>">` children of the `<dt-twin>`, which
 * scenarios find as they find any `<dt-edit>`. The editor keeps the plan as a list of features and
 * brings the elements in line with it ({@link syncPlanElements}): elements of edits that stay are
 * kept (so scenarios only hear about real changes), others are removed or added in plan order.
 */
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';
import type { DtEdit } from './dt-edit.js';

/** The attribute that marks a plan's edits; its value is the plan's name. */
export const PLAN_ATTRIBUTE = 'data-plan';

/** The `<dt-edit>` children of `twin` that belong to the plan `name`, in document order. */
export function planElements(twin: Element, name: string): DtEdit[] {
  return [...twin.children].filter(
    (child): child is DtEdit =>
      child.localName === 'dt-edit' && child.getAttribute(PLAN_ATTRIBUTE) === name,
  );
}

/** The `<dt-edit>` elements in `twin` that are no plan's: the page's own edits. */
export function pageEdits(twin: Element): Element[] {
  return [...twin.querySelectorAll('dt-edit')].filter((e) => !e.hasAttribute(PLAN_ATTRIBUTE));
}

/** The attributes of a `<dt-edit>` for an edit feature. */
function attributesOf(edit: GreeneryEdit): Record<string, string | null> {
  const { action, label, crownRadiusM, id } = edit.properties;
  return {
    'edit-id': id ?? String(edit.id ?? ''),
    action,
    geometry: JSON.stringify(edit.geometry),
    label: label ?? null,
    'crown-radius': crownRadiusM === undefined ? null : String(crownRadiusM),
  };
}

function setAttributes(element: Element, attributes: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null) element.removeAttribute(name);
    else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
}

/** The id an edit goes by. */
export function editIdOf(edit: GreeneryEdit): string {
  return edit.properties.id ?? String(edit.id ?? '');
}

/**
 * Makes the plan's elements in `twin` match `edits`: removes the elements of edits not in the list,
 * updates changed ones, and adds new ones before the element of the next edit that exists (or at the
 * end of the twin), so the document order is the plan order (a later edit wins).
 */
export function syncPlanElements(
  twin: Element,
  name: string,
  edits: readonly GreeneryEdit[],
): void {
  const wanted = new Set(edits.map(editIdOf));
  const existing = new Map<string, DtEdit>();
  for (const element of planElements(twin, name)) {
    const id = element.getAttribute('edit-id') ?? '';
    if (wanted.has(id) && !existing.has(id)) existing.set(id, element);
    else element.remove();
  }
  let next: Element | null = null;
  for (let i = edits.length - 1; i >= 0; i--) {
    const edit = edits[i] as GreeneryEdit;
    const attributes = attributesOf(edit);
    let element: Element | undefined = existing.get(editIdOf(edit));
    if (element) {
      setAttributes(element, attributes);
    } else {
      element = twin.ownerDocument.createElement('dt-edit');
      element.setAttribute(PLAN_ATTRIBUTE, name);
      setAttributes(element, attributes);
      twin.insertBefore(element, next);
    }
    next = element;
  }
}
