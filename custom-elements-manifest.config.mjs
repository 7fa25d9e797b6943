// Custom Elements Manifest (custom-elements.json) for editors, docs pages and framework types.
// Run with `npm run docs` (cem analyze, then typedoc).
import { readdirSync, readFileSync, existsSync } from 'node:fs';

const COMPONENTS = 'src/components';

/**
 * Tag names, by class name, from the component define files (`DtMap.define('dt-map');`). The analyzer
 * only recognises `customElements.define(...)` calls, and the define files are not analysed.
 */
function tagNamesFromDefineFiles() {
  const tags = new Map();
  for (const folder of readdirSync(COMPONENTS)) {
    const file = `${COMPONENTS}/${folder}/define.ts`;
    if (!existsSync(file)) continue;
    for (const [, className, tag] of readFileSync(file, 'utf8').matchAll(
      /(\w+)\.define\(\s*['"]([a-z][\w-]*-[\w-]*)['"]\s*\)/g,
    )) {
      tags.set(className, tag);
    }
  }
  return tags;
}

/**
 * Gives each element class its tag name and a `custom-element-definition` export, and drops the
 * definition the analyzer reads from `static define(tag)` (`customElements.define(tag, this)`), whose
 * "name" is the parameter, not a tag.
 */
function tweelingTagNames() {
  const tags = tagNamesFromDefineFiles();
  return {
    name: 'tweeling-tag-names',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.exports = (mod.exports ?? []).filter(
          (e) => e.kind !== 'custom-element-definition' || e.name.includes('-'),
        );
        for (const declaration of mod.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (declaration.kind !== 'class' || !tag) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          if (!mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
            mod.exports.push({
              kind: 'custom-element-definition',
              name: tag,
              declaration: { name: declaration.name, module: mod.path },
            });
          }
        }
      }
    },
  };
}

/**
 * `DtElement.emit(type, detail)` dispatches `new CustomEvent(type, ...)`, which the analyzer reads as an
 * event literally named "type". The real events are documented with `@fires`; drop the artefact.
 */
function dropGenericEmitEvent() {
  return {
    name: 'tweeling-drop-generic-emit-event',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.events) continue;
          declaration.events = declaration.events.filter((e) => e.name !== 'type');
          if (declaration.events.length === 0) delete declaration.events;
        }
      }
    },
  };
}

export default {
  globs: [`${COMPONENTS}/**/*.ts`],
  exclude: [`${COMPONENTS}/**/*.styles.ts`, `${COMPONENTS}/**/define.ts`],
  outdir: '.',
  litelement: true,
  plugins: [tweelingTagNames(), dropGenericEmitEvent()],
};
