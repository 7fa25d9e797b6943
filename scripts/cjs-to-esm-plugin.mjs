/**
 * A test-runner plugin that serves a few CommonJS files deck.gl depends on (earcut 2) as ES modules
 * with a default export: the module body runs against a local `module.exports`.
 */
export function cjsToEsm(patterns = ['/earcut/src/earcut.js']) {
  return {
    name: 'tweeling-cjs-to-esm',
    transform(context) {
      if (!patterns.some((p) => context.path.endsWith(p))) return undefined;
      // earcut 3 is an ES module already (the SDK's own triangulation uses it).
      if (/^export /m.test(context.body)) return undefined;
      return {
        body: `const module = { exports: {} }; const exports = module.exports;\n${context.body}\nexport default module.exports;`,
      };
    },
  };
}
