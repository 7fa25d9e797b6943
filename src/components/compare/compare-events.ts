import type { DtSourceError } from '../../core/errors.js';
import type { CompareMode } from './compare-sides.js';

/** Detail of `dt-compare-change`: the compare mode and divider position after the change. */
export interface DtCompareChangeDetail {
  /** The `id` of the `<dt-compare>` (empty when it has none). */
  compareId: string;
  /** The mode now. */
  mode: CompareMode;
  /** The divider's position now, 0 (left edge of the map) to 1 (right edge). */
  position: number;
}

/** Detail of `dt-compare-error`: what the comparison could not do, and why. */
export interface DtCompareErrorDetail {
  /** The `id` of the `<dt-compare>` (empty when it has none). */
  compareId: string;
  /**
   * Names the source at fault and what was wrong: `missing-input` (no source with that id, no `a`
   * or `b`) or `invalid-parameter` (a band the source lacks, grids that differ, an unknown mode).
   */
  error: DtSourceError;
}

declare module '../base/events.js' {
  interface DtEventDetails {
    /** `<dt-compare>`'s mode or divider position changed (by the user or a script). */
    'dt-compare-change': DtCompareChangeDetail;
    /** `<dt-compare>` could not do what it was asked; nothing changed. */
    'dt-compare-error': DtCompareErrorDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-compare-change': CustomEvent<DtCompareChangeDetail>;
    'dt-compare-error': CustomEvent<DtCompareErrorDetail>;
  }
}
