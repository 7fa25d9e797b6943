import type { SourceKindLoader } from '../source-kinds.js';

/** The data-source kinds of this file: `vector-tiles` (XYZ MVT and PMTiles). */
export const vectorTileKinds: Record<string, SourceKindLoader> = {};
