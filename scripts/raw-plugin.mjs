import { readFile } from 'node:fs/promises';

/**
 * A rollup plugin that turns `import text from 'x?raw'` into a string export, as vite does natively.
 * Used by the IIFE build to inline MapLibre's worker (`maplibre-gl/dist/maplibre-gl-worker.mjs?raw`).
 * A trailing `//# sourceMappingURL=` comment is dropped: the inlined text runs from a blob: URL, where
 * the relative map URL could never be resolved.
 */
export function raw() {
  return {
    name: 'tweeling-raw',
    async resolveId(source, importer, options) {
      if (!source.endsWith('?raw')) return null;
      const resolved = await this.resolve(source.slice(0, -'?raw'.length), importer, {
        ...options,
        skipSelf: true,
      });
      return resolved ? `${resolved.id}?raw` : null;
    },
    async load(id) {
      if (!id.endsWith('?raw')) return null;
      const file = id.slice(0, -'?raw'.length);
      this.addWatchFile(file);
      const text = (await readFile(file, 'utf8')).replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
      return { code: `export default ${JSON.stringify(text)};`, map: { mappings: '' } };
    },
  };
}
