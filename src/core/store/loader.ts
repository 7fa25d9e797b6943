/**
 * The admitting loader: installs a store entry's component into a twin only when it should. In
 * order: the entry validates, is not revoked, admits this SDK version and takes no tag or scenario
 * kind already defined; the module's bytes are fetched and their SHA-384 compared with the entry's
 * `integrity` before anything runs; then the module runs from a `<script type="module">` that
 * carries the same `integrity`, so the browser itself refuses any other bytes (no eval, no blob:
 * URL). Errors thrown by the module's own code, while loading or later in its elements, are caught
 * and reported as `dt-store-error`; the rest of the twin keeps working.
 *
 * This file touches the DOM (script elements, custom elements, the twin's children); the rules it
 * applies are DOM-free in admission.ts.
 */
import { scenarioKindNames } from '../../components/scenario/scenario-kinds.js';
import type { TwinController } from '../../components/base/twin-controller.js';
import {
  checkAdmission,
  DtStoreError,
  sha384Integrity,
  type Admission,
  type StoreErrorDetail,
} from './admission.js';
import { claimedModules, errorWatchers, interceptErrors } from './error-claims.js';
import { SDK_VERSION } from './sdk-version.js';
import type { StoreEntry } from './store-entry.js';

/** A component installed in a twin. @public */
export interface InstalledComponent {
  /** The entry's id. */
  id: string;
  /** The entry it was installed from. */
  entry: StoreEntry;
  /** The module's absolute URL. */
  moduleUrl: string;
  /** The elements the install added to the twin (its `elements`), still there or not. */
  elements: Element[];
}

/** Options of {@link installComponent}. @public */
export interface InstallOptions {
  /** What relative URLs of the entry resolve against (default: the page). */
  baseUrl?: string;
  /** Where `dt-store-error` and `dt-store-install` are fired (default: the twin's element). */
  target?: EventTarget;
  /** The SDK version checked against the entry's `sdk` range (default: {@link SDK_VERSION}). */
  sdkVersion?: string;
  /** Aborts the install before the module runs. */
  signal?: AbortSignal;
}

/** A successful {@link installComponent}. @public */
export interface InstallSuccess {
  /** Installed. */
  ok: true;
  /** The installed component. */
  component: InstalledComponent;
}

/** A refused or failed {@link installComponent}. @public */
export interface InstallFailure {
  /** Refused or failed. */
  ok: false;
  /** Why (also fired as `dt-store-error`). */
  error: DtStoreError;
}

/** The outcome of {@link installComponent}. @public */
export type InstallResult = InstallSuccess | InstallFailure;

/** Something that holds a twin controller: a `<dt-twin>`. */
export interface TwinHolder {
  /** The twin's controller (`<dt-twin>.controller`). */
  controller: TwinController;
}

/** A twin to install into: its `TwinController`, or the `<dt-twin>` holding it. */
export type TwinLike = TwinController | TwinHolder;

const installed = new WeakMap<TwinController, Map<string, InstalledComponent>>();
/** Modules run on this page, by entry id: a definition stays until reload, so a reinstall reuses it. */
const ranModules = new Map<string, { integrity: string; tags: Set<string>; kinds: Set<string> }>();
/** The handler that drops an installed component when its code throws. */
const failureHandlers = new WeakMap<InstalledComponent, (error: unknown) => void>();

/** The SDK's public API, handed over by the store's define module (see {@link provideSdk}). */
let sdkApi: object | undefined;

/**
 * Hands the loader the SDK's public API (the `tweeling` module namespace), which it puts on
 * `globalThis.Tweeling` for store modules before the first one runs. Called by `tweeling/define`;
 * nothing is set on the global object at import, so server-side imports stay clean.
 */
export function provideSdk(api: object): void {
  sdkApi = api;
}

const controllerOf = (twin: TwinLike): TwinController =>
  'controller' in twin ? twin.controller : twin;

/** The components installed in a twin, in install order. @public */
export function installedComponents(twin: TwinLike): InstalledComponent[] {
  return [...(installed.get(controllerOf(twin))?.values() ?? [])];
}

/**
 * The admission checks of an entry that need no download, against this page (tags defined, scenario
 * kinds registered, this SDK's version). Names an earlier install of the same entry defined are not
 * "taken". @public
 */
export function checkEntryAdmission(entry: unknown, sdkVersion: string = SDK_VERSION): Admission {
  const id =
    typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  const own = typeof id === 'string' ? ranModules.get(id) : undefined;
  return checkAdmission(entry, {
    sdkVersion,
    isTagTaken: (tag) => customElements.get(tag) !== undefined && !own?.tags.has(tag),
    isScenarioKindTaken: (name) => scenarioKindNames().includes(name) && !own?.kinds.has(name),
  });
}

function fire(target: EventTarget, type: string, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

function refuse(target: EventTarget, error: DtStoreError): InstallResult {
  fire(target, 'dt-store-error', error.detail satisfies StoreErrorDetail);
  return { ok: false, error };
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Runs the module with a script element carrying its integrity; rejects when it throws or fails. */
function runModule(id: string, url: string, integrity: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const thrown: unknown[] = [];
    const report = (error: unknown) => thrown.push(error);
    const reports = errorWatchers.get(id) ?? new Set();
    errorWatchers.set(id, reports.add(report));
    const script = document.createElement('script');
    const done = (failure: unknown) => {
      reports.delete(report);
      script.remove();
      if (failure === undefined) resolve();
      else reject(failure);
    };
    script.type = 'module';
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
    script.src = url;
    // For a module script, `load` fires after it ran, also when it threw (the throw was reported first).
    script.addEventListener('load', () =>
      done(
        thrown.length > 0 ? new Error(`it threw while loading: ${describe(thrown[0])}`) : undefined,
      ),
    );
    script.addEventListener('error', () =>
      done(
        new Error('the browser refused to run it (integrity, Content-Security-Policy or network)'),
      ),
    );
    document.head.append(script);
  });
}

/** Adds the entry's `elements` to the twin's element, each marked with the entry id. */
function addElements(
  host: HTMLElement,
  entry: StoreEntry,
  baseUrl: string,
  stillInstalled: () => boolean,
): Element[] {
  const added: Element[] = [];
  for (const spec of entry.properties['tweeling:component'].elements ?? []) {
    // An element that threw while connecting dropped the component: add no more.
    if (!stillInstalled()) break;
    const element = document.createElement(spec.tag);
    for (const [name, value] of Object.entries(spec.attributes ?? {})) {
      // The schema forbids event-handler attributes; refuse them here too, whatever the entry says.
      if (name.toLowerCase().startsWith('on')) continue;
      element.setAttribute(name, name === 'src' ? new URL(value, baseUrl).href : value);
    }
    element.setAttribute('data-dt-component', entry.id);
    host.append(element);
    added.push(element);
  }
  return added;
}

/**
 * Installs a store entry's component into a twin: checks it, fetches its module, verifies the
 * SHA-384, runs it, and adds the entry's `elements` to the twin. A refusal or failure fires
 * `dt-store-error` (detail {@link StoreErrorDetail}) at `options.target` and resolves
 * `{ ok: false, error }`; it never throws. On success it fires `dt-store-install` (detail `{ entryId }`).
 * Later errors thrown by the component's code drop it again (`render-failed`).
 * @public
 */
export async function installComponent(
  entry: unknown,
  twin: TwinLike,
  options: InstallOptions = {},
): Promise<InstallResult> {
  const controller = controllerOf(twin);
  const target = options.target ?? controller.host;
  const admission = checkEntryAdmission(entry, options.sdkVersion ?? SDK_VERSION);
  if (!admission.admitted) {
    return refuse(
      target,
      admission.error ?? new DtStoreError('(unknown)', 'invalid-entry', 'not admitted'),
    );
  }
  const valid = entry as StoreEntry;
  const { id } = valid;
  const component = valid.properties['tweeling:component'];
  const baseUrl = new URL(options.baseUrl ?? document.baseURI, document.baseURI).href;
  const moduleUrl = new URL(component.module.url, baseUrl).href;
  const list = installed.get(controller) ?? new Map<string, InstalledComponent>();
  installed.set(controller, list);
  if (list.has(id)) {
    return refuse(
      target,
      new DtStoreError(id, 'tag-taken', 'it is already installed in this twin', { url: moduleUrl }),
    );
  }
  const earlier = ranModules.get(id);
  if (earlier && earlier.integrity !== component.module.integrity) {
    const reason =
      'another version of it already ran on this page: reload the page to change versions';
    return refuse(target, new DtStoreError(id, 'tag-taken', reason, { url: moduleUrl }));
  }
  if (!earlier) {
    let bytes: ArrayBuffer;
    try {
      const response = await fetch(moduleUrl, {
        signal: options.signal ?? null,
        credentials: 'omit',
      });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      bytes = await response.arrayBuffer();
    } catch (cause) {
      const reason = `the module could not be fetched: ${describe(cause)}`;
      return refuse(target, new DtStoreError(id, 'load-failed', reason, { url: moduleUrl, cause }));
    }
    const actual = await sha384Integrity(bytes);
    if (actual !== component.module.integrity) {
      const reason = `the module's SHA-384 is ${actual}, the entry says ${component.module.integrity}: it was not run`;
      return refuse(target, new DtStoreError(id, 'integrity', reason, { url: moduleUrl }));
    }
    if (options.signal?.aborted) {
      return refuse(
        target,
        new DtStoreError(id, 'load-failed', 'the install was aborted', { url: moduleUrl }),
      );
    }
    // Store modules import nothing: they reach the SDK's public API on globalThis.Tweeling (the
    // single-file build defines it; for the ES build it is set here, on the first install).
    const global = globalThis as { Tweeling?: unknown };
    global.Tweeling ??= sdkApi;
    if (global.Tweeling === undefined) {
      const reason = "the SDK's API is not available to the module: import 'tweeling/define' first";
      return refuse(target, new DtStoreError(id, 'load-failed', reason, { url: moduleUrl }));
    }
    const kindsBefore = new Set(scenarioKindNames());
    interceptErrors();
    claimedModules.set(id, moduleUrl);
    try {
      await runModule(id, moduleUrl, component.module.integrity);
    } catch (cause) {
      return refuse(
        target,
        new DtStoreError(id, 'load-failed', describe(cause), { url: moduleUrl, cause }),
      );
    }
    ranModules.set(id, {
      integrity: component.module.integrity,
      tags: new Set(component.tags.filter((tag) => customElements.get(tag))),
      kinds: new Set(scenarioKindNames().filter((name) => !kindsBefore.has(name))),
    });
    // Its errors stay claimed for the page's life: a definition (and its code) stays until reload.
  }
  const installedComponent: InstalledComponent = { id, entry: valid, moduleUrl, elements: [] };
  list.set(id, installedComponent);
  const onFailure = (error: unknown) => {
    if (!list.has(id)) return;
    uninstallComponent(id, controller);
    const reason = `it threw and was removed from the twin: ${describe(error)}`;
    refuse(target, new DtStoreError(id, 'render-failed', reason, { url: moduleUrl, cause: error }));
  };
  const reports = errorWatchers.get(id) ?? new Set();
  errorWatchers.set(id, reports.add(onFailure));
  failureHandlers.set(installedComponent, onFailure);
  installedComponent.elements = addElements(controller.host, valid, baseUrl, () => list.has(id));
  if (!list.has(id))
    return { ok: false, error: new DtStoreError(id, 'render-failed', 'it threw while connecting') };
  fire(target, 'dt-store-install', { entryId: id });
  return { ok: true, component: installedComponent };
}

/**
 * Removes an installed component from a twin: the elements its install added, every other element
 * of its tags in the twin, the `<dt-scenario>`s of its scenario kinds, and its entry from the twin's
 * installed list. Its custom-element definitions stay until the page reloads: browsers cannot undefine
 * an element. Returns whether it was installed. @public
 */
export function uninstallComponent(id: string, twin: TwinLike): boolean {
  const controller = controllerOf(twin);
  const list = installed.get(controller);
  const component = list?.get(id);
  if (!list || !component) return false;
  list.delete(id);
  const handler = failureHandlers.get(component);
  if (handler) errorWatchers.get(id)?.delete(handler);
  const { tags, scenarioKinds = [] } = component.entry.properties['tweeling:component'];
  const host = controller.host;
  const doomed = new Set<Element>(component.elements);
  for (const element of host.querySelectorAll('*')) {
    const tag = element.localName;
    if (element.getAttribute('data-dt-component') === id || tags.includes(tag)) doomed.add(element);
    if (tag === 'dt-scenario' && scenarioKinds.includes(element.getAttribute('type') ?? ''))
      doomed.add(element);
  }
  for (const element of doomed) element.remove();
  host.dispatchEvent(
    new CustomEvent('dt-store-uninstall', {
      detail: { entryId: id },
      bubbles: true,
      composed: true,
    }),
  );
  return true;
}
