import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DtSourceError } from '../../core/errors.js';
import {
  GEOCODER_SOURCE_ID,
  lookupPlace,
  suggestPlaces,
  type LocatiePlace,
  type LocatieSuggestion,
} from '../../core/search/locatieserver.js';

/** The wait after the last keystroke before the online geocoder is asked (ms). */
export const SUGGEST_DEBOUNCE_MS = 250;

/** Where the geocoder's answer for the current text is. */
export type PlaceSearchState = 'idle' | 'loading' | 'done' | 'error';

/** What {@link PlaceSearch} needs from its element. */
export interface PlaceSearchOptions {
  /** The Locatieserver's base URL, read at each request. */
  url(): string;
  /** Called when suggestions arrived for the current text. */
  onPlaces(places: LocatieSuggestion[]): void;
  /** Called when a request failed (not when it was aborted); a lookup names its suggestion. */
  onError(
    request: 'suggest' | 'lookup',
    error: DtSourceError,
    suggestion?: LocatieSuggestion,
  ): void;
}

/**
 * The PDOK Locatieserver side of `<dt-search>`: asks `/suggest` {@link SUGGEST_DEBOUNCE_MS} after
 * the last change of the text, aborts the request for an older text, and looks up a chosen
 * suggestion. Every request goes through the core's retry policy with its own abort signal.
 */
export class PlaceSearch implements ReactiveController {
  /** The suggestions for the current text (none while it is asked for). */
  places: LocatieSuggestion[] = [];
  /** Where the answer for the current text is. */
  state: PlaceSearchState = 'idle';

  #timer: ReturnType<typeof setTimeout> | undefined;
  #suggest: AbortController | undefined;
  #lookup: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PlaceSearchOptions,
  ) {
    host.addController(this);
  }

  /** Forgets the current suggestions and asks for `text` after the debounce (nothing for < 2 letters). */
  schedule(text: string): void {
    this.cancel();
    const query = text.trim();
    if (query.length < 2) return;
    this.state = 'loading';
    this.#timer = setTimeout(() => void this.ask(query), SUGGEST_DEBOUNCE_MS);
  }

  /** Stops a pending or running suggest request and forgets the suggestions. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#suggest?.abort();
    this.places = [];
    this.state = 'idle';
    this.host.requestUpdate();
  }

  private async ask(query: string): Promise<void> {
    const abort = new AbortController();
    this.#suggest = abort;
    try {
      const places = await suggestPlaces(this.options.url(), query, abort.signal);
      if (abort.signal.aborted) return;
      this.places = places;
      this.state = 'done';
      this.options.onPlaces(places);
    } catch (cause) {
      if (abort.signal.aborted) return;
      this.state = 'error';
      this.options.onError('suggest', asSourceError(cause, this.options.url()));
    } finally {
      this.host.requestUpdate();
    }
  }

  /**
   * The location of a chosen suggestion, or undefined when a newer lookup replaced this one or it
   * failed (then `onError` was called).
   */
  async lookup(suggestion: LocatieSuggestion): Promise<LocatiePlace | undefined> {
    this.#lookup?.abort();
    const abort = new AbortController();
    this.#lookup = abort;
    try {
      const place = await lookupPlace(this.options.url(), suggestion.id, abort.signal);
      return abort.signal.aborted ? undefined : place;
    } catch (cause) {
      if (!abort.signal.aborted)
        this.options.onError('lookup', asSourceError(cause, this.options.url()), suggestion);
      return undefined;
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#suggest?.abort();
    this.#lookup?.abort();
  }
}

/** A geocoder failure as a `DtSourceError` (they already are, except unexpected throws). */
function asSourceError(cause: unknown, url: string): DtSourceError {
  if (cause instanceof DtSourceError) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DtSourceError(GEOCODER_SOURCE_ID, 'parse', reason, { url, cause });
}
