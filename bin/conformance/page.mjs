/**
 * The page a component is checked in: the SDK through an import map, a boot script that imports the
 * SDK, then the component's module, then mounts a `<dt-twin>` with the shipped Delft data and the
 * component's elements, all under a strict Content-Security-Policy.
 */
import { createHash } from 'node:crypto';

/** Custom element names the kit is willing to write into its page. */
const TAG_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;

/** The directives that govern where a page may connect: the `origins` check's, not the `csp` check's. */
export const NETWORK_DIRECTIVES = ['connect-src', 'img-src', 'font-src', 'media-src'];

/**
 * The policy a package's page is served with. No 'unsafe-eval' and no inline script but the import
 * map (by hash); workers only from the page's origin. Connections, images, fonts and media only to
 * the page's origin and the origins the package declares: the browser itself refuses any other, so
 * nothing leaves the machine unannounced, and each refusal is reported (to the `origins` check).
 */
export function contentSecurityPolicy(importMap, declaredOrigins = [], reportUri = undefined) {
  const hash = createHash('sha256').update(importMap).digest('base64');
  const origins = declaredOrigins.map((o) => ` ${o}`).join('');
  return [
    "default-src 'self'",
    `script-src 'self' 'sha256-${hash}'`,
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${origins}`,
    `connect-src 'self' data: blob:${origins}`,
    `font-src 'self' data:${origins}`,
    `media-src 'self' data: blob:${origins}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(reportUri ? [`report-uri ${reportUri}`] : []),
  ].join('; ');
}

/** Trusted Types, report-only: MapLibre itself still assigns strings to innerHTML. */
export const trustedTypesReportOnly = (reportUri = undefined) =>
  ["require-trusted-types-for 'script'", ...(reportUri ? [`report-uri ${reportUri}`] : [])].join(
    '; ',
  );

/** Escapes text for an HTML attribute value. */
const attr = (value) =>
  String(value).replace(
    /[&"<>]/g,
    (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c],
  );

/**
 * The kit's twin's data: the shipped Delft files, under the source ids the examples use (and a
 * store entry's `elements` refer to).
 */
export const KIT_SOURCES = [
  { id: 'panden', type: 'geojson', file: 'buildings.geojson' },
  { id: 'bgt', type: 'geojson', file: 'bgt-landcover.geojson' },
  { id: 'ahn', type: 'geotiff', file: 'ahn3-dtm-50cm.tif' },
  { id: 'ahn-dsm', type: 'geotiff', file: 'ahn3-dsm-50cm.tif' },
];

/**
 * The elements to put in the twin: the manifest's `elements` (what a store adds on install), or,
 * when it has none, one element per tag wired to the kit's sources by the component's kind.
 */
export function elementsToMount(component, tags) {
  if (Array.isArray(component.elements) && component.elements.length > 0) {
    return component.elements
      .filter((e) => e && typeof e.tag === 'string' && TAG_NAME.test(e.tag))
      .map(({ tag, attributes }) => ({
        tag,
        // Plain attribute names and string values only; never an event handler (on...).
        attributes: Object.fromEntries(
          Object.entries(attributes && typeof attributes === 'object' ? attributes : {}).filter(
            ([name, value]) =>
              typeof value === 'string' && /^[a-z][a-z0-9-]*$/.test(name) && !/^on/.test(name),
          ),
        ),
      }));
  }
  return tags
    .filter((tag) => TAG_NAME.test(tag))
    .map((tag, i) => {
      switch (component.kind) {
        case 'layer':
          return { tag, attributes: { source: 'panden' } };
        case 'scenario':
          return {
            tag,
            attributes: {
              id: `scenario-${i + 1}`,
              dem: 'ahn',
              dsm: 'ahn-dsm',
              buildings: 'panden',
              landcover: 'bgt',
            },
          };
        case 'data-source':
          return { tag, attributes: { id: `source-${i + 1}` } };
        default:
          return { tag };
      }
    });
}

/**
 * The page's HTML: a `<template>` with the twin and the kit's sources (the Delft buildings always,
 * the land cover and AHN grids only when an element refers to them, as they take a while to load). The
 * boot script mounts it and adds the component's elements.
 */
export function pageHtml({ importMap, bootUrl, dataBase, elements }) {
  const referred = new Set(elements.flatMap((e) => Object.values(e.attributes ?? {})));
  const sources = KIT_SOURCES.filter((s) => s.id === 'panden' || referred.has(s.id))
    .map(
      (s) =>
        `<dt-data-source data-conformance-kit id="${s.id}" type="${s.type}" src="${attr(dataBase + s.file)}"></dt-data-source>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>tweeling-conformance</title>
    <script type="importmap">${importMap}</script>
    <script type="module" src="${attr(bootUrl)}"></script>
  </head>
  <body>
    <template id="conformance-twin">
      <dt-twin lang="en" basemap="none" style="display:block;width:640px;--dt-twin-height:400px">
        ${sources}
      </dt-twin>
    </template>
  </body>
</html>
`;
}

/**
 * The boot module: first a probe that the policy is in force (an eval the policy must refuse), then
 * the SDK, the component's module (its errors recorded, not thrown), the twin, and the component's
 * elements, made as a store makes them on install: createElement and setAttribute, a relative `src`
 * resolved against tweeling.json, never parsed as HTML. `globalThis.Tweeling` holds the public API,
 * as the SDK's define module and the single-file build set it, for components that use the global.
 */
export function bootScript({ moduleUrl, entryUrl, elements }) {
  return `try {
  new Function('return 1')();
} catch {
  // refused: the policy is in force (the csp check looks for this report)
}
// The global first: the SDK's define module keeps a global already there, so components that
// use globalThis.Tweeling reach the same recording shim as those that import 'tweeling'.
window.Tweeling = await import('tweeling');
await import('tweeling/define');
const kit = window.__kit;
kit.phase = 'component';
try {
  await import(${JSON.stringify(moduleUrl)});
  kit.loaded = true;
} catch (error) {
  kit.loadError = String(error?.stack ?? error);
}
const template = document.getElementById('conformance-twin');
document.body.append(template.content.cloneNode(true));
const twin = document.querySelector('dt-twin');
for (const { tag, attributes = {} } of ${JSON.stringify(elements)}) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (/^on/i.test(name)) continue;
    element.setAttribute(name, name === 'src' ? new URL(value, ${JSON.stringify(entryUrl)}).href : value);
  }
  twin.append(element);
}
kit.mounted = true;
`;
}

/** The SDK functions the shim records calls of, with what it records. */
const RECORDERS = {
  registerMessages: `(kit, locale, messages) => {
    const count = messages && typeof messages === 'object' ? Object.keys(messages).length : 0;
    kit.messages[locale] = (kit.messages[locale] ?? 0) + count;
  }`,
  registerScenarioKind: `(kit, name) => kit.scenarioKinds.push(String(name))`,
};

/**
 * A stand-in for the `tweeling` module: it re-exports the SDK, and records the calls a component
 * makes to those of `names` it has (which locales it registers messages for, which scenario kinds it
 * registers), then passes them on.
 */
export function sdkShim(sdkUrl, names) {
  const wrapped = names.filter((name) => name in RECORDERS);
  const lines = [`export * from ${JSON.stringify(sdkUrl)};`];
  for (const name of wrapped) {
    lines.push(
      `import { ${name} as original_${name} } from ${JSON.stringify(sdkUrl)};`,
      `const record_${name} = ${RECORDERS[name]};`,
      `/** ${name}, recorded for the conformance kit. */`,
      `export function ${name}(...args) {`,
      `  const kit = window.__kit;`,
      `  if (kit?.phase === 'component') record_${name}(kit, ...args);`,
      `  return original_${name}(...args);`,
      `}`,
    );
  }
  return lines.join('\n') + '\n';
}
