/**
 * Reading a twin's shareable state from its elements and applying one to them: the map's view,
 * which layers are visible, the scenarios' attributes that differ from the markup, the plan's
 * greenery edits and a `<dt-compare>`'s mode and divider position. Used by permalinks and context
 * documents alike.
 */
import type { LitElement } from 'lit';
import type { MapView } from '../../core/share/camera.js';
import { snapEdit } from '../../core/share/edit-snap.js';
import { isSecretName } from '../../core/share/secrets.js';
import { DtShareError, type DtShareOrigin } from '../../core/share/share-error.js';
import {
  ATTRIBUTE_NAME,
  type CompareState,
  type ShareState,
} from '../../core/share/share-state.js';
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';
import { DtLayerElement } from '../base/dt-layer-element.js';
import { DtScenarioElement } from '../base/dt-scenario-element.js';
import { planElements, syncPlanElements } from '../edit/plan-elements.js';
import type { DtMap } from '../map/dt-map.js';
import type { EditElement } from '../scenario/scenario-edits.js';

/** The plan name edits get in a twin without a `plan` attribute (they apply, with no editor). */
export const SHARED_PLAN = 'shared';

/** What this module needs of a `<dt-twin>`. */
export interface ShareHost extends HTMLElement {
  /** The name of the twin's plan, if it has a plan editor. */
  plan: string | null;
}

/** Elements of the twin (light DOM, then its own shadow content) that pass `test`, in document order. */
function elementsOf<T extends Element>(twin: Element, test: (e: Element) => e is T): T[] {
  const light = [...twin.querySelectorAll('*')].filter(test);
  const own = [...(twin.shadowRoot?.querySelectorAll('*') ?? [])].filter(test);
  return [...light, ...own];
}

/** The twin's layers in layer order (document order: the first is drawn first). */
export function layerElementsOf(twin: Element): DtLayerElement[] {
  return elementsOf(twin, (e): e is DtLayerElement => e instanceof DtLayerElement);
}

/** The twin's scenarios that have an id, by id. */
export function scenarioElementsOf(twin: Element): Map<string, DtScenarioElement> {
  const all = elementsOf(twin, (e): e is DtScenarioElement => e instanceof DtScenarioElement);
  return new Map(all.filter((s) => s.id).map((s) => [s.id, s]));
}

/** The twin's map: its `<dt-map>` child, or the one it made itself. */
export function mapElementOf(twin: Element): DtMap | undefined {
  return (twin.querySelector(':scope > dt-map') ??
    twin.shadowRoot?.querySelector('dt-map') ??
    undefined) as DtMap | undefined;
}

/** The twin's `<dt-compare>`, if it has one. */
function compareElementOf(twin: Element): Element | undefined {
  return (
    twin.querySelector('dt-compare') ?? twin.shadowRoot?.querySelector('dt-compare') ?? undefined
  );
}

/** The name of the plan whose edits are shared: the twin's plan, else {@link SHARED_PLAN}. */
export function sharedPlanName(twin: ShareHost): string {
  return twin.plan ?? SHARED_PLAN;
}

/** The valid edits of the twin's shared plan, snapped to the 1e-7 degree grid. */
export function planEditsOf(twin: ShareHost): GreeneryEdit[] {
  return planElements(twin, sharedPlanName(twin))
    .map((element) => (element as unknown as EditElement).toEdit?.())
    .filter((edit): edit is GreeneryEdit => edit !== undefined)
    .map(snapEdit);
}

const attributesOf = (element: Element): Record<string, string> =>
  Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));

/** Whether an attribute may travel in a permalink: a plain name, no secret, not presentation. */
function shareable(name: string): boolean {
  return (
    ATTRIBUTE_NAME.test(name) &&
    name !== 'id' &&
    !name.startsWith('aria-') &&
    !name.startsWith('data-') &&
    !isSecretName(name)
  );
}

/**
 * The scenarios' attributes as the page wrote them: what a permalink's changes are relative to.
 * Recorded before a permalink is applied; an element's attributes after its first update count as
 * markup too (Lit writes reflected defaults such as `mode="level"` then), except those the
 * permalink set.
 */
export class MarkupBaseline {
  readonly #markup = new WeakMap<Element, Record<string, string>>();
  readonly #restored = new WeakMap<Element, Set<string>>();
  readonly #settled = new WeakMap<Element, Record<string, string>>();

  /** Records the markup of the twin's scenarios (those not recorded yet). */
  record(twin: Element): void {
    for (const scenario of scenarioElementsOf(twin).values()) {
      if (this.#markup.has(scenario)) continue;
      const markup = attributesOf(scenario);
      this.#markup.set(scenario, markup);
      const settle = () => {
        const settled = attributesOf(scenario);
        for (const name of this.#restored.get(scenario) ?? []) {
          if (name in markup) settled[name] = markup[name] as string;
          else delete settled[name];
        }
        this.#settled.set(scenario, settled);
      };
      const update = (scenario as Partial<LitElement>).updateComplete;
      if (update) void update.then(settle);
      else settle();
    }
  }

  /** Notes attributes a permalink set on a scenario (they are not markup). */
  noteRestored(scenario: Element, names: Iterable<string>): void {
    const set = this.#restored.get(scenario) ?? new Set<string>();
    for (const name of names) set.add(name);
    this.#restored.set(scenario, set);
  }

  /** The scenario's markup attributes. */
  of(scenario: Element): Record<string, string> {
    return this.#settled.get(scenario) ?? this.#markup.get(scenario) ?? attributesOf(scenario);
  }
}

/** The twin's state now; scenario attributes relative to `baseline`. */
export function captureState(twin: ShareHost, baseline: MarkupBaseline): ShareState {
  const state: ShareState = {};
  const map = mapElementOf(twin);
  if (map) {
    const { center, zoom, pitch, bearing } = map.view;
    state.view = { center: [center[0], center[1]], zoom, pitch, bearing };
  }
  state.layers = layerElementsOf(twin).map((layer) => layer.visible);
  baseline.record(twin);
  const scenarios: Record<string, Record<string, string | null>> = {};
  for (const [id, scenario] of scenarioElementsOf(twin)) {
    const markup = baseline.of(scenario);
    const now = attributesOf(scenario);
    const changes: Record<string, string | null> = {};
    for (const name of new Set([...Object.keys(markup), ...Object.keys(now)])) {
      if (shareable(name) && markup[name] !== now[name]) changes[name] = now[name] ?? null;
    }
    if (Object.keys(changes).length > 0) scenarios[id] = changes;
  }
  state.scenarios = scenarios;
  // A twin with a plan always says what its plan is (none: no edits), so a stored plan does not
  // creep into the restored run.
  const edits = planEditsOf(twin);
  if (twin.plan || edits.length > 0) state.edits = edits;
  const compare = compareElementOf(twin);
  if (compare) state.compare = compareStateOf(compare);
  return state;
}

/** A `<dt-compare>`'s mode and position attributes. */
export function compareStateOf(compare: Element): CompareState {
  const position = compare.getAttribute('position');
  return {
    mode: compare.getAttribute('mode'),
    position: position === null || !Number.isFinite(Number(position)) ? null : Number(position),
  };
}

/**
 * Checks that a state fits the twin: every scenario it names exists, and it has a visibility for
 * every layer. Throws before anything changes.
 * @throws DtShareError with code `mismatch`.
 */
export function checkState(twin: ShareHost, state: ShareState, origin: DtShareOrigin): void {
  const scenarios = scenarioElementsOf(twin);
  for (const id of Object.keys(state.scenarios ?? {})) {
    if (!scenarios.has(id))
      throw new DtShareError(origin, 'mismatch', `this twin has no scenario with id "${id}"`, {
        path: `/s/${id}`,
      });
  }
  const layers = layerElementsOf(twin).length;
  if (state.layers && state.layers.length !== layers)
    throw new DtShareError(
      origin,
      'mismatch',
      `it has the visibility of ${state.layers.length} layers; this twin has ${layers}`,
      { path: '/l' },
    );
}

/** Shows a view: on the `<dt-map>` child's attributes, else on the twin's shorthand attributes. */
export function applyView(twin: Element, view: MapView): void {
  const map = twin.querySelector(':scope > dt-map') ?? twin;
  map.setAttribute('center', `${view.center[0]},${view.center[1]}`);
  map.setAttribute('zoom', String(view.zoom));
  map.setAttribute('pitch', String(view.pitch));
  map.setAttribute('bearing', String(view.bearing));
}

/** Sets a `<dt-compare>`'s mode and position (when the twin has one). */
export function applyCompare(twin: Element, compare: CompareState | null | undefined): void {
  const element = compareElementOf(twin);
  if (!element || !compare) return;
  if (compare.mode !== null) element.setAttribute('mode', compare.mode);
  if (compare.position !== null) element.setAttribute('position', String(compare.position));
}

/** Makes the twin's shared plan these edits (the plan's `<dt-edit data-plan>` elements). */
export function applyEdits(twin: ShareHost, edits: readonly GreeneryEdit[]): void {
  syncPlanElements(twin, sharedPlanName(twin), edits);
}

/** Applies a checked state ({@link checkState}); scenario attributes it sets are noted in `baseline`. */
export function applyState(twin: ShareHost, state: ShareState, baseline: MarkupBaseline): void {
  if (state.view) applyView(twin, state.view);
  // Every scenario goes back to its markup plus the state's changes (a scenario the state does not
  // name is as the page wrote it).
  if (state.scenarios) {
    for (const [id, scenario] of scenarioElementsOf(twin)) {
      const changes = state.scenarios[id] ?? {};
      baseline.noteRestored(scenario, Object.keys(changes));
      const target: Record<string, string | null> = { ...baseline.of(scenario), ...changes };
      const now = attributesOf(scenario);
      for (const name of new Set([...Object.keys(target), ...Object.keys(now)])) {
        if (!shareable(name) || target[name] === now[name]) continue;
        const value = target[name];
        if (value === null || value === undefined) scenario.removeAttribute(name);
        else scenario.setAttribute(name, value);
      }
    }
  }
  const layers = layerElementsOf(twin);
  state.layers?.forEach((visible, i) => {
    const layer = layers[i];
    if (layer) layer.visible = visible;
  });
  if (state.edits) applyEdits(twin, state.edits);
  applyCompare(twin, state.compare);
}
