import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { DtEventDetails, DtEventName } from './events.js';
import { twinContext } from './twin-context.js';
import type { TwinController, TwinChangeKind } from './twin-controller.js';
import { translate } from '../../core/i18n/localize.js';

/**
 * The base of every Tweeling element, built-in or a supplier's. It gives a component:
 * - `twin`: the enclosing `<dt-twin>`'s controller, through context (no parent walking);
 * - `emit()`: typed `dt-` events that bubble and cross shadow roots;
 * - `t()`: localized text in the twin's language;
 * - `twinChanged()`: a hook called when the twin's sources, layers, selection, view or language change.
 */
export class DtElement extends LitElement {
  /** The twin this element belongs to (set through context; read it, do not assign it); undefined outside a `<dt-twin>`. */
  @consume({ context: twinContext, subscribe: true })
  @state()
  twin: TwinController | undefined;

  private subscribedTwin: TwinController | undefined;
  private readonly onTwinChange = (event: Event) => {
    this.twinChanged((event as CustomEvent<TwinChangeKind>).detail);
  };

  /** Fires a typed `dt-` event that bubbles and is composed. Returns false if it was cancelled. */
  emit<K extends DtEventName>(type: K, detail: DtEventDetails[K]): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: false }),
    );
  }

  /**
   * Localized text in the twin's language (English outside a twin): a built-in key, or a key a
   * supplier registered with `registerMessages`.
   */
  t(key: MessageKey | (string & {}), params?: Record<string, string | number>): string {
    return translate(this.twin?.locale ?? 'en', key, params);
  }

  /** Called when the twin changes. Panels re-render by default. */
  protected twinChanged(_kind: TwinChangeKind): void {
    this.requestUpdate();
  }

  /** Called once the element has its twin (and again if it moves to another twin). */
  protected twinConnected(_twin: TwinController): void {}

  /** Called when the element leaves its twin. */
  protected twinDisconnected(_twin: TwinController): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    this.syncTwin(this.twin);
  }

  // Custom element reactions run after the DOM operation: when an element is moved, both callbacks
  // run while it is connected. So each callback says what it means instead of reading isConnected,
  // and a move unregisters and registers again (which re-sorts layers into the new document order).
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.syncTwin(undefined);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('twin') && this.isConnected) this.syncTwin(this.twin);
  }

  private syncTwin(next: TwinController | undefined): void {
    if (next === this.subscribedTwin) return;
    const previous = this.subscribedTwin;
    this.subscribedTwin = next;
    if (previous) {
      previous.removeEventListener('change', this.onTwinChange);
      this.twinDisconnected(previous);
    }
    if (next) {
      next.addEventListener('change', this.onTwinChange);
      this.twinConnected(next);
    }
  }

  /** Registers `tag` for this class unless a class is already registered for it. */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }
}
