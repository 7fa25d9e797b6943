/**
 * The events of sharing: `dt-share-error` when a permalink or context document is rejected
 * (nothing changed), `dt-share-apply` when one was applied. Both bubble and are composed, and are
 * fired on the `<dt-twin>`.
 */
import type { DtShareError, DtShareOrigin } from '../../core/share/share-error.js';

/** Detail of `dt-share-error`. */
export interface DtShareErrorDetail {
  /** Where the rejected input came from. */
  origin: DtShareOrigin;
  /** What was wrong and where (code `invalid-permalink`, `invalid-document`, `mismatch` or `unsupported`). */
  error: DtShareError;
}

/** Detail of `dt-share-apply`. */
export interface DtShareApplyDetail {
  /** What was applied. */
  origin: DtShareOrigin;
  /** Scene layers of a context document that were left out (data Tweeling cannot draw). */
  skipped: { index: number; title: string; type: string }[];
  /** A context document: how many data sources, scenarios and layers it made. */
  built?: { sources: number; scenarios: number; layers: number };
}

/** Fires `dt-share-error` on the twin. */
export function emitShareError(twin: Element, error: DtShareError): void {
  twin.dispatchEvent(
    new CustomEvent<DtShareErrorDetail>('dt-share-error', {
      detail: { origin: error.origin, error },
      bubbles: true,
      composed: true,
    }),
  );
}

/** Fires `dt-share-apply` on the twin. */
export function emitShareApply(
  twin: Element,
  origin: DtShareOrigin,
  skipped: DtShareApplyDetail['skipped'] = [],
  built?: DtShareApplyDetail['built'],
): void {
  twin.dispatchEvent(
    new CustomEvent<DtShareApplyDetail>('dt-share-apply', {
      detail: { origin, skipped, ...(built ? { built } : {}) },
      bubbles: true,
      composed: true,
    }),
  );
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-share-error': CustomEvent<DtShareErrorDetail>;
    'dt-share-apply': CustomEvent<DtShareApplyDetail>;
  }
}
