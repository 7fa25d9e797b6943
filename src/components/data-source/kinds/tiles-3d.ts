import type { SourceKindLoader } from '../source-kinds.js';

/** The data-source kinds of this file: `3d-tiles`. */
export const tiles3dKinds: Record<string, SourceKindLoader> = {};
