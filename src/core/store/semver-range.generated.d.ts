// Types for semver-range.generated.js (semver's range functions, bundled by scripts/build-entry-validator.mjs).

/** Whether `version` lies in `range` (semver semantics, prereleases excluded unless named). */
export declare function satisfies(version: string, range: string): boolean;
/** The normalised range, or null when `range` is not a valid semver range. */
export declare function validRange(range: string): string | null;
/** The normalised version, or null when `version` is not valid semver. */
export declare function valid(version: string): string | null;
