import type { TwinController } from '../../base/twin-controller.js';
import type { SourceKindInput } from '../source-kinds.js';

/** Wait after the view settles before an OGC API source reloads (ms): a burst of moves loads once. */
export const OGC_VIEW_DEBOUNCE_MS = 200;

/** The attributes of `type="ogc-api-features"` whose change reloads the source. */
export const OGC_API_ATTRIBUTES = [
  'limit',
  'max-features',
  'filter',
  'cql',
  'numbers',
  'load',
  'bbox',
];

/** What a view-following source keeps: its twin while it follows the view, and how to stop. */
export interface ViewSession {
  /** The twin whose view the source follows. */
  twin?: TwinController | undefined;
  /** Stops following the view and watching the attributes. */
  dispose: () => void;
}

/**
 * Makes a source follow the view: after each settled view change (debounced), `reload()` when
 * `wantsReload()` says the new view needs items, or when a load is still running (a view the user
 * left: reloading aborts its requests). Also reloads when one of {@link OGC_API_ATTRIBUTES} changes.
 * Stops when the element leaves the page or changes type.
 */
export function watchView(
  session: ViewSession,
  input: SourceKindInput,
  wantsReload: () => boolean,
): void {
  const element = input.element;
  session.dispose();
  const twin = element.twin;
  session.twin = twin;
  const alive = (): boolean => element.isConnected && element.type === 'ogc-api-features';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onChange = (event: Event): void => {
    if ((event as CustomEvent<string>).detail !== 'view') return;
    if (!alive()) return session.dispose();
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (alive() && (element.state === 'loading' || wantsReload())) element.reload();
    }, OGC_VIEW_DEBOUNCE_MS);
  };
  twin?.addEventListener('change', onChange);
  const observer = new MutationObserver(() => element.reload());
  observer.observe(element, { attributes: true, attributeFilter: OGC_API_ATTRIBUTES });
  session.dispose = () => {
    clearTimeout(timer);
    twin?.removeEventListener('change', onChange);
    observer.disconnect();
    session.dispose = () => undefined;
  };
  input.signal.addEventListener(
    'abort',
    () => queueMicrotask(() => (alive() ? undefined : session.dispose())),
    { once: true },
  );
}
