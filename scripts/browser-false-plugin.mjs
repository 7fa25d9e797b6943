/**
 * A test-runner plugin for packages whose `browser` field maps Node built-ins to `false` (geotiff maps
 * `fs`, `http`, `https` and `url`): @rollup/plugin-node-resolve turns those into a virtual module the
 * dev server cannot serve, so this resolves them first to an empty module with a default export.
 */
export function browserFalseModules(names = ['fs', 'http', 'https', 'url']) {
  const path = '/__tweeling__/empty-builtin.js';
  return {
    name: 'tweeling-browser-false',
    resolveImport({ source }) {
      return names.includes(source) ? path : undefined;
    },
    serve(context) {
      if (context.path === path) return { body: 'export default {};\n', type: 'js' };
      return undefined;
    },
  };
}

/** The same for rollup (the IIFE build): Node built-ins that a package maps to `false` become `{}`. */
export function browserFalseRollup(names = ['fs', 'http', 'https', 'url']) {
  const id = '\0tweeling-empty-builtin';
  return {
    name: 'tweeling-browser-false',
    resolveId(source) {
      return names.includes(source) ? id : null;
    },
    load(loaded) {
      return loaded === id ? 'export default {};\n' : null;
    },
  };
}
