import { html, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toLocale, translate, type Locale } from '../../core/i18n/localize.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import { DtPanelElement } from '../base/dt-panel-element.js';
import { timelineStyles } from './dt-timeline.styles.js';
import { formatClock, formatSpokenTime } from './format-time.js';
import { nearestIndex, type TimeVaryingTarget } from './time-varying.js';

/** Length of a whole playback at the default speed, in real seconds. */
const DEFAULT_PLAYBACK_S = 10;
/** Longest frame gap counted (ms): after a background tab returns, playback resumes instead of jumping. */
const MAX_FRAME_GAP_MS = 250;

const playIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2l10 6-10 6z" /></svg>`;
const pauseIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 2h4v12H3zM9 2h4v12H9z" /></svg>`;

/** The nearest non-empty `lang` attribute on `element` or an ancestor, crossing shadow roots. */
function nearestLang(element: Element): string | undefined {
  for (let node: Node | null = element; node;) {
    const lang = node instanceof Element ? node.getAttribute('lang') : null;
    if (lang) return lang;
    node = node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;
  }
  return undefined;
}

/**
 * Plays, pauses and scrubs any time-varying result: a flood scenario, a heat run, a comparison.
 * Its target implements {@link TimeVarying} (`times` in seconds, a settable `time`, and a
 * `dt-times-change` event); the timeline sets `target.time` to one of `times` as the user scrubs or
 * playback runs.
 *
 * ```html
 * <dt-timeline for="flood1" loop></dt-timeline>
 * ```
 *
 * Keyboard: the slider steps one time with the arrow keys, Home and End go to the first and last.
 * A polite live region announces the time when a pointer scrub ends or playback pauses (keyboard
 * steps are spoken through the slider's `aria-valuetext`). Text is in the twin's language, or
 * outside a twin in the nearest `lang` attribute's (Dutch or English).
 *
 * @summary Play, pause and scrub through the times of a result.
 * @fires dt-time-change - The timeline moved its target to another time. Detail: `{ time, index }`.
 * @csspart play - The play/pause button.
 * @csspart slider - The time slider (`input type="range"`).
 * @csspart label - The visible time (`h:mm:ss`), or "no results yet".
 * @cssproperty --dt-color-accent - Colour of the slider (default #1a56c4).
 * @cssproperty --dt-color-button - Background of the play button.
 * @cssproperty --dt-color-border - Border of the play button.
 * @cssproperty --dt-color-muted - Colour of disabled controls and the "no results yet" text.
 * @cssproperty --dt-focus-color - Focus ring colour.
 * @cssproperty --dt-space-s - Gap between the controls.
 */
export class DtTimeline extends DtPanelElement {
  static override styles = timelineStyles;

  /** The `id` of the target element, looked up in the same document or shadow root (like `<label for>`). */
  @property({ attribute: 'for' }) htmlFor = '';

  /** The target, set directly; takes precedence over `for`. */
  @property({ attribute: false }) target: TimeVaryingTarget | null = null;

  /** Playback speed in simulated seconds per real second. Default: the whole series in about 10 s. */
  @property({ type: Number }) speed: number | undefined = undefined;

  /** Start again from the first time when playback reaches the last. */
  @property({ type: Boolean, reflect: true }) loop = false;

  /** Formats a time (seconds) for the label and for screen readers; default `h:mm:ss` and words. */
  @property({ attribute: false }) formatTime:
    ((timeS: number, locale: Locale) => string) | undefined = undefined;

  @state() private times: readonly number[] = [];
  @state() private index = -1;
  @state() private isPlaying = false;
  @state() private announcement = '';

  private bound: TimeVaryingTarget | null = null;
  private observer: MutationObserver | undefined;
  private frame = 0;
  private lastFrameMs: number | undefined;
  private playheadS = 0;
  private pointerScrub = false;

  /** Whether playback is running. */
  get playing(): boolean {
    return this.isPlaying;
  }

  /** The time the target shows (seconds), or undefined while there are no times. */
  get time(): number | undefined {
    return this.times[this.index];
  }

  /**
   * The language of the text: the twin's; outside a twin the nearest non-empty `lang` attribute
   * (across shadow roots), else the browser's. Read at each render.
   */
  get locale(): Locale {
    return this.twin?.locale ?? toLocale(nearestLang(this) ?? navigator.language);
  }

  /** Localized text in {@link DtTimeline.locale}. */
  override t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.locale, key, params);
  }

  /** Starts playback from the current time (from the first when at the last). Needs two times or more. */
  play(): void {
    if (this.isPlaying || this.times.length < 2) return;
    if (this.index >= this.times.length - 1) this.goTo(0);
    this.playheadS = this.times[this.index] ?? 0;
    this.lastFrameMs = undefined;
    this.announcement = '';
    this.isPlaying = true;
    this.frame = requestAnimationFrame(this.tick);
  }

  /** Pauses playback and announces the time. */
  pause(): void {
    this.stop('timeline.paused');
  }

  /** Moves the target to the available time nearest to `timeS` (seconds). */
  seek(timeS: number): void {
    const index = nearestIndex(this.times, timeS);
    if (index < 0) return;
    this.goTo(index);
    this.playheadS = this.times[index] ?? 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.bind();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
    this.bind();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('htmlFor') || changed.has('target')) this.bind();
  }

  /** Attaches to the target named by `target` or `for`, or detaches when there is none. */
  private bind(): void {
    const byId = !this.target && this.htmlFor !== '' && this.isConnected;
    // The target may be added (or replaced) after the timeline: watch the root while `for` is used.
    this.observe(byId);
    const next = !this.isConnected ? null : (this.target ?? (byId ? this.findById() : null));
    if (next === this.bound) return;
    this.stop();
    this.bound?.removeEventListener('dt-times-change', this.onTimesChange);
    this.bound = next;
    next?.addEventListener('dt-times-change', this.onTimesChange);
    // A target whose element is not upgraded yet gets its `times` when its class is defined.
    if (
      next instanceof Element &&
      next.localName.includes('-') &&
      !customElements.get(next.localName)
    )
      void customElements
        .whenDefined(next.localName)
        .then(() => next === this.bound && this.readTimes());
    this.readTimes();
  }

  private findById(): TimeVaryingTarget | null {
    const root = this.getRootNode();
    const found =
      root instanceof Document || root instanceof ShadowRoot
        ? root.getElementById(this.htmlFor)
        : null;
    // Its `times` and `time` are read defensively: it may not be upgraded yet.
    return found as TimeVaryingTarget | null;
  }

  private observe(on: boolean): void {
    if (!on) {
      this.observer?.disconnect();
      this.observer = undefined;
      return;
    }
    if (this.observer) return;
    this.observer = new MutationObserver(() => this.bind());
    this.observer.observe(this.getRootNode(), {
      childList: true,
      subtree: true,
      attributeFilter: ['id'],
    });
  }

  private readonly onTimesChange = () => this.readTimes();

  /** Copies the target's times and finds the step it shows now. */
  private readTimes(): void {
    const times = this.bound?.times;
    this.times = Array.isArray(times) ? times.filter((t) => Number.isFinite(t)) : [];
    if (this.times.length < 2) this.stop();
    const shown = this.bound?.time;
    this.index = nearestIndex(
      this.times,
      typeof shown === 'number' && Number.isFinite(shown) ? shown : (this.times[0] ?? 0),
    );
  }

  /** Shows step `index`: sets the target's time and fires `dt-time-change` when it changed. */
  private goTo(index: number): void {
    const time = this.times[index];
    if (time === undefined || !this.bound) return;
    if (index === this.index && this.bound.time === time) return;
    this.index = index;
    this.bound.time = time;
    this.emit('dt-time-change', { time, index });
  }

  private readonly tick = (nowMs: number) => {
    if (!this.isPlaying) return;
    const first = this.times[0] ?? 0;
    const last = this.times[this.times.length - 1] ?? 0;
    const elapsedMs = this.lastFrameMs === undefined ? 0 : nowMs - this.lastFrameMs;
    this.lastFrameMs = nowMs;
    const speed =
      this.speed !== undefined && this.speed > 0 ? this.speed : (last - first) / DEFAULT_PLAYBACK_S;
    this.playheadS += (Math.min(elapsedMs, MAX_FRAME_GAP_MS) / 1000) * speed;
    if (this.playheadS >= last) {
      if (!this.loop) {
        this.goTo(this.times.length - 1);
        this.stop('timeline.ended');
        return;
      }
      this.playheadS = first;
    }
    this.goTo(nearestIndex(this.times, this.playheadS));
    this.frame = requestAnimationFrame(this.tick);
  };

  /** Stops playback; announces `message` (with the time) when given. */
  private stop(message?: MessageKey): void {
    if (!this.isPlaying) return;
    cancelAnimationFrame(this.frame);
    this.isPlaying = false;
    if (message) this.announce(message);
  }

  private announce(message: MessageKey): void {
    const time = this.time;
    if (time !== undefined) this.announcement = this.t(message, { time: this.spoken(time) });
  }

  private clock(timeS: number): string {
    return this.formatTime ? this.formatTime(timeS, this.locale) : formatClock(timeS);
  }

  private spoken(timeS: number): string {
    return this.formatTime
      ? this.formatTime(timeS, this.locale)
      : formatSpokenTime(this.locale, timeS);
  }

  private readonly onToggle = () => (this.isPlaying ? this.pause() : this.play());

  private readonly onInput = (event: Event) => {
    this.seek(this.times[Number((event.target as HTMLInputElement).value)] ?? 0);
  };

  // Keyboard steps are spoken by the slider itself (aria-valuetext); the live region speaks only
  // when a pointer drag ends, which screen readers do not report.
  private readonly onChange = () => {
    if (this.pointerScrub && !this.isPlaying) this.announce('timeline.position');
    this.pointerScrub = false;
  };

  override render() {
    const count = this.times.length;
    const time = this.time;
    const empty = this.t('timeline.empty');
    return html`<div class="timeline" role="group" aria-label=${this.t('timeline.label')}>
      <button part="play" type="button" ?disabled=${count < 2} @click=${this.onToggle}>
        ${this.isPlaying ? pauseIcon : playIcon}<span
          >${this.t(this.isPlaying ? 'timeline.pause' : 'timeline.play')}</span
        >
      </button>
      <input
        part="slider"
        type="range"
        min="0"
        max=${Math.max(0, count - 1)}
        step="1"
        .value=${String(Math.max(0, this.index))}
        ?disabled=${count < 2}
        aria-label=${this.t('timeline.slider')}
        aria-valuetext=${time === undefined ? empty : this.spoken(time)}
        @input=${this.onInput}
        @change=${this.onChange}
        @pointerdown=${() => (this.pointerScrub = true)}
        @keydown=${() => (this.pointerScrub = false)}
      />
      <span part="label" class=${time === undefined ? 'label muted' : 'label'}
        >${time === undefined ? empty : this.clock(time)}</span
      >
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </div>`;
  }
}
