import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** How long the announcer waits after the last change before it speaks (milliseconds). */
export const ANNOUNCE_DELAY_MS = 750;

/**
 * A polite live region for an element: messages queued while things are still changing are spoken
 * once, together, {@link ANNOUNCE_DELAY_MS} after the last change. Each message has a key; a newer
 * message with the same key replaces the older one (the view that settled last, the last state of a
 * data source), so a burst of events gives one short announcement, not a queue of stale ones.
 *
 * The host renders {@link LiveAnnouncer.region} once, always (a live region must be in the page
 * before its text changes, or screen readers miss the first message).
 */
export class LiveAnnouncer implements ReactiveController {
  /** The text in the live region now. */
  message = '';
  /** The wait after the last change, in milliseconds. */
  delayMs = ANNOUNCE_DELAY_MS;

  // Texts are made when spoken, not when queued: counts and language are read at that moment.
  readonly #pending = new Map<string, () => string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Queues a message under `key` (replacing one queued under the same key) and restarts the wait. */
  announce(key: string, text: () => string): void {
    this.#pending.delete(key); // a replaced message moves to the end: the order things happened in
    this.#pending.set(key, text);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Drops a queued message (a later event made it moot). */
  cancel(key: string): void {
    this.#pending.delete(key);
  }

  /** Speaks what is queued now, without waiting. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const texts = [...this.#pending.values()].map((text) => text()).filter(Boolean);
    this.#pending.clear();
    if (texts.length === 0) return;
    const next = texts.join('. ');
    // The same text again is no change to a screen reader: a no-break space makes it one.
    this.message = next === this.message ? `${next}\u00a0` : next;
    this.host.requestUpdate();
  }

  /** The live region, visually hidden (style `.visually-hidden` in the host). */
  region() {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      ${this.message}
    </div>`;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
