/**
 * The version of this SDK, which a store entry's `sdk` range must admit. Kept equal to package.json
 * by test/build/store-files.test.mjs.
 * @public
 */
export const SDK_VERSION = '0.1.0';
