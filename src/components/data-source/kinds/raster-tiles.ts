import type { SourceKindLoader } from '../source-kinds.js';

/** The data-source kinds of this file: `wms`, `xyz` and `wmts` raster tiles. */
export const rasterTileKinds: Record<string, SourceKindLoader> = {};
