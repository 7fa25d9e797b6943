import type { SourceKindLoader } from '../source-kinds.js';

/** The data-source kinds of this file: `ogc-api-features`. */
export const ogcApiFeaturesKinds: Record<string, SourceKindLoader> = {};
