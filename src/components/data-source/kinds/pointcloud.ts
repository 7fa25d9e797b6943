import type { SourceKindLoader } from '../source-kinds.js';

/** The data-source kinds of this file: `pointcloud` (LAS/LAZ). */
export const pointCloudKinds: Record<string, SourceKindLoader> = {};
