/**
 * Building a twin from a context document: its data sources, scenarios (with the edits inside
 * them), layers, greenery edits, view and compare state replace the twin's own. The document is
 * read and checked in full first (schema, references, edits, registered tags, the camera); a
 * document that fails throws a {@link DtShareError} and the twin is left as it was. Text from the
 * document only ever becomes attribute values and the text of inline data (`application/geo+json`),
 * never markup or script.
 */
import { cameraToView, type MapView } from '../../core/share/camera.js';
import type { ElementSpec, ScenarioSpec } from '../../core/share/context-document.js';
import { readContextDocument, type ContextImport } from '../../core/share/context-read.js';
import { DtShareError } from '../../core/share/share-error.js';
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';
import { DtDataSourceElement } from '../base/dt-data-source-element.js';
import { DtLayerElement } from '../base/dt-layer-element.js';
import { DtScenarioElement } from '../base/dt-scenario-element.js';
import { PLAN_ATTRIBUTE } from '../edit/plan-elements.js';
import { emitShareApply, emitShareError } from './share-events.js';
import { applyCompare, applyEdits, applyView, mapElementOf, type ShareHost } from './twin-state.js';

/** What an import built. */
export interface ContextImportResult {
  /** The form the document was in. */
  form: ContextImport['form'];
  /** How many data sources, scenarios and layers it made. */
  sources: number;
  /** Scenarios made. */
  scenarios: number;
  /** Layers made. */
  layers: number;
  /** Scene layers left out: data Tweeling cannot draw. */
  skipped: ContextImport['skipped'];
}

/** Inline data a document may carry (never a script type: it would run). */
const INLINE_TYPES = new Set(['application/geo+json', 'application/json']);
const DEFAULT_HEIGHT_PX = 600;

const unsupported = (reason: string, path: string): never => {
  throw new DtShareError('context-document', 'unsupported', reason, { path });
};

/** Checks that each tag is a registered element of the right kind. */
function checkTags(plan: ContextImport): void {
  const check = (
    specs: ElementSpec[],
    path: string,
    fits: (type: CustomElementConstructor) => boolean,
    what: string,
  ) =>
    specs.forEach((spec, i) => {
      const type = customElements.get(spec.tag);
      if (!type || !fits(type))
        unsupported(`<${spec.tag}> is not a registered ${what}`, `${path}/${i}/tag`);
      if (spec.inline && !INLINE_TYPES.has(spec.inline.type))
        unsupported(
          `inline data of type "${spec.inline.type}" is not read`,
          `${path}/${i}/inline/type`,
        );
    });
  const is = (base: abstract new () => HTMLElement) => (type: CustomElementConstructor) =>
    type.prototype instanceof base;
  check(
    plan.sources,
    '/tweeling/sources',
    (t) => is(DtDataSourceElement)(t) && !is(DtScenarioElement)(t),
    'data source element',
  );
  check(plan.scenarios, '/tweeling/scenarios', is(DtScenarioElement), 'scenario element');
  check(plan.layers, '/tweeling/layers', is(DtLayerElement), 'layer element');
}

/** The view of the document's camera on this twin's map (the camera depends on the map's height). */
function viewOf(twin: ShareHost, plan: ContextImport): MapView | undefined {
  if (!plan.camera) return undefined;
  const height = mapElementOf(twin)?.map?.getContainer().clientHeight || DEFAULT_HEIGHT_PX;
  try {
    return cameraToView(plan.camera, height);
  } catch (error) {
    const path = plan.form === 'esri' ? '/view' : '/scene/cameras/0';
    return unsupported(error instanceof Error ? error.message : String(error), path);
  }
}

function create(twin: Element, spec: ElementSpec): HTMLElement {
  const element = twin.ownerDocument.createElement(spec.tag);
  for (const [name, value] of Object.entries(spec.attributes)) element.setAttribute(name, value);
  if (spec.inline) {
    const script = twin.ownerDocument.createElement('script');
    script.type = spec.inline.type; // a data type (checked): the browser does not run it
    script.textContent = spec.inline.text;
    element.append(script);
  }
  return element;
}

function editElement(twin: Element, edit: GreeneryEdit): HTMLElement {
  const element = twin.ownerDocument.createElement('dt-edit');
  const { action, label, crownRadiusM, id } = edit.properties;
  element.setAttribute('action', action);
  element.setAttribute('geometry', JSON.stringify(edit.geometry));
  if (label) element.setAttribute('label', label);
  if (crownRadiusM !== undefined) element.setAttribute('crown-radius', String(crownRadiusM));
  if (id) element.setAttribute('edit-id', id);
  return element;
}

/**
 * Replaces the twin's data sources, scenarios, layers and edits with the document's and shows its
 * camera. Other children (the map, a `<dt-compare>`, a supplier's panel) stay.
 * @param input The document: parsed JSON or its text.
 * @throws DtShareError when the document is not valid or does not fit; the twin is unchanged then.
 */
export function importContextDocument(twin: ShareHost, input: unknown): ContextImportResult {
  const plan = readContextDocument(input);
  checkTags(plan);
  const view = viewOf(twin, plan);
  // Everything is checked: from here on nothing throws.
  for (const element of [...twin.querySelectorAll('*')]) {
    const replaced =
      element instanceof DtDataSourceElement ||
      element instanceof DtLayerElement ||
      (element.localName === 'dt-edit' && !element.hasAttribute(PLAN_ATTRIBUTE));
    if (replaced && element.isConnected) element.remove();
  }
  for (const spec of plan.sources) twin.append(create(twin, spec));
  for (const spec of plan.scenarios as ScenarioSpec[]) {
    const scenario = create(twin, spec);
    for (const edit of spec.edits ?? []) scenario.append(editElement(twin, edit));
    twin.append(scenario);
  }
  for (const spec of plan.layers) twin.append(create(twin, spec));
  applyEdits(twin, plan.edits);
  if (view) applyView(twin, view);
  applyCompare(twin, plan.compare);
  return {
    form: plan.form,
    sources: plan.sources.length,
    scenarios: plan.scenarios.length,
    layers: plan.layers.length,
    skipped: plan.skipped,
  };
}

/**
 * {@link importContextDocument} with events: `dt-share-apply` on the twin when it was imported,
 * `dt-share-error` (and nothing changed) when not. Returns what was built, or undefined.
 */
export function loadContextDocument(
  twin: ShareHost,
  input: unknown,
): ContextImportResult | undefined {
  let result: ContextImportResult;
  try {
    result = importContextDocument(twin, input);
  } catch (error) {
    emitShareError(
      twin,
      error instanceof DtShareError
        ? error
        : new DtShareError('context-document', 'invalid-document', String(error), { cause: error }),
    );
    return undefined;
  }
  const { sources, scenarios, layers } = result;
  emitShareApply(twin, 'context-document', result.skipped, { sources, scenarios, layers });
  return result;
}
