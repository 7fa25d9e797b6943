import type { SourceKindLoader } from '../source-kinds.js';

/** The data-source kinds of this file: `cityjson` (CityJSON 1.x, 2.0 and CityJSONSeq). */
export const cityJsonKinds: Record<string, SourceKindLoader> = {};
