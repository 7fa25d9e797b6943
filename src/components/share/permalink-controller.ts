/**
 * `<dt-twin permalink>`: the twin's state in the URL fragment (`#dt=...`), kept up to date while the
 * user works (debounced, with `history.replaceState`, so the back button is not flooded) and
 * restored when the page opens with one, or when the fragment changes (a pasted link). A fragment
 * that cannot be read, or that does not fit the twin, fires `dt-share-error` on the twin and changes
 * nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  decodePermalink,
  encodePermalink,
  permalinkPayload,
  withPermalinkPayload,
} from '../../core/share/permalink.js';
import { DtShareError } from '../../core/share/share-error.js';
import type { ShareState } from '../../core/share/share-state.js';
import { emitShareApply, emitShareError } from './share-events.js';
import {
  applyEdits,
  applyState,
  captureState,
  checkState,
  MarkupBaseline,
  type ShareHost,
} from './twin-state.js';

/** How long the fragment waits after the last change before it is rewritten, ms. */
export const PERMALINK_DEBOUNCE_MS = 300;

/** What the controller needs of its `<dt-twin>`. */
export interface PermalinkHost extends ShareHost, ReactiveControllerHost {
  /** Whether the twin keeps its state in the URL. */
  permalink: boolean;
}

const controllers = new WeakMap<Element, PermalinkController>();

/** The permalink controller of a twin, if it has the `permalink` attribute. */
export function permalinkControllerOf(twin: Element): PermalinkController | undefined {
  const controller = controllers.get(twin);
  return controller?.active ? controller : undefined;
}

/** Keeps a twin's state and the URL fragment in step. */
export class PermalinkController implements ReactiveController {
  /** The scenarios' markup, what the permalink's attribute changes are relative to. */
  readonly baseline = new MarkupBaseline();
  /** Whether it is following the twin (the twin is connected and has `permalink`). */
  active = false;

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The payload last written to or read from the fragment. */
  #current: string | undefined;
  #observer: MutationObserver | undefined;

  constructor(private readonly host: PermalinkHost) {
    host.addController(this);
    controllers.set(host, this);
  }

  hostConnected(): void {
    if (this.host.permalink) this.#start();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  hostUpdated(): void {
    if (this.host.permalink && !this.active && this.host.isConnected) this.#start();
    else if (!this.host.permalink && this.active) this.#stop();
  }

  /** The URL of the twin's state now: the page's address with `#dt=...`. */
  async link(): Promise<string> {
    const payload = await encodePermalink(captureState(this.host, this.baseline));
    const url = new URL(location.href);
    url.hash = withPermalinkPayload(url.hash, payload);
    return url.href;
  }

  /**
   * Restores the state in the URL fragment, if it has one. Resolves to whether it was applied; a
   * fragment that fails fires `dt-share-error` and changes nothing.
   */
  async restore(): Promise<boolean> {
    const payload = permalinkPayload(location.hash);
    if (payload === undefined) return false;
    this.#current = payload;
    let state: ShareState;
    try {
      state = await decodePermalink(payload);
      checkState(this.host, state, 'permalink');
    } catch (error) {
      const shareError =
        error instanceof DtShareError
          ? error
          : new DtShareError('permalink', 'invalid-permalink', String(error), { cause: error });
      emitShareError(this.host, shareError);
      return false;
    }
    applyState(this.host, state, this.baseline);
    this.#keepPlanAfterEditorLoads(state);
    emitShareApply(this.host, 'permalink');
    return true;
  }

  /**
   * The plan editor loads a stored plan when the twin has no plan edits yet (a link with none):
   * once it has loaded, the link's edits are put back.
   */
  #keepPlanAfterEditorLoads(state: ShareState): void {
    const edits = state.edits;
    if (!edits || !this.host.plan) return;
    void this.host.updateComplete.then(async () => {
      const editor = this.host.shadowRoot?.querySelector('dt-plan-editor');
      await (editor as Partial<ReactiveControllerHost> | null)?.updateComplete;
      applyEdits(this.host, edits);
    });
  }

  /** Rewrites the fragment after the changes settle. */
  schedule = (): void => {
    if (!this.active) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#write(), PERMALINK_DEBOUNCE_MS);
  };

  async #write(): Promise<void> {
    if (!this.active) return;
    let payload: string;
    try {
      payload = await encodePermalink(captureState(this.host, this.baseline));
    } catch (error) {
      console.warn('Tweeling: the permalink could not be written', error);
      return;
    }
    if (!this.active || payload === this.#current) return;
    this.#current = payload;
    const url = new URL(location.href);
    url.hash = withPermalinkPayload(url.hash, payload);
    history.replaceState(history.state, '', url.href);
  }

  readonly #onHashChange = (): void => {
    const payload = permalinkPayload(location.hash);
    if (payload !== undefined && payload !== this.#current) void this.restore();
  };

  #start(): void {
    this.active = true;
    const begin = () => {
      if (!this.active) return;
      this.baseline.record(this.host);
      void this.restore();
      this.#observer = new MutationObserver(this.schedule);
      this.#observer.observe(this.host, { attributes: true, childList: true, subtree: true });
      this.host.addEventListener('dt-view-change', this.schedule);
      window.addEventListener('hashchange', this.#onHashChange);
    };
    // While the page is still being parsed the twin's children are not there yet.
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', begin, { once: true });
    else begin();
  }

  #stop(): void {
    this.active = false;
    clearTimeout(this.#timer);
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.host.removeEventListener('dt-view-change', this.schedule);
    window.removeEventListener('hashchange', this.#onHashChange);
  }
}
