/**
 * The verdicts of the browser checks: each takes what the page recorded and gives a passed, failed
 * or skipped result with a message that names what was found.
 */
import { cemTags, failed, passed, skipped } from './package-checks.mjs';
import { NETWORK_DIRECTIVES } from './page.mjs';

/** The origin of a URL, or '' for one without (data:, blob:, about:). */
export function originOf(url) {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? '' : origin;
  } catch {
    return '';
  }
}

const sameList = (a, b) => a.length === b.length && a.every((t, i) => t === b[i]);
const list = (names) => names.join(', ') || '(none)';

/**
 * Findings as one message: each distinct finding once (its first line), with how often it occurred,
 * at most `max` of them.
 */
export function summarize(findings, max = 3) {
  const counts = new Map();
  for (const finding of findings) {
    const line = String(finding).split('\n')[0];
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const lines = [...counts].map(([line, n]) => (n > 1 ? `${line} (${n}x)` : line));
  const more = lines.length > max ? `; and ${lines.length - max} more` : '';
  return lines.slice(0, max).join('; ') + more;
}

/**
 * custom-elements.json, the manifest's `tags` and the tags the module defined are the same set; so
 * are the manifest's `scenarioKinds` and the kinds the module registered.
 */
export function checkCemMatch(pkg, defined, kit) {
  if (!Array.isArray(pkg.cem?.modules))
    return skipped('no custom-elements.json to compare (see custom-elements-present)');
  if (!kit.loaded) return skipped('the module did not load (see render)');
  const cem = cemTags(pkg.cem);
  const manifest = [...new Set(pkg.tags)].sort();
  const declaredKinds = [...new Set(pkg.scenarioKinds)].sort();
  const registeredKinds = [...new Set(kit.scenarioKinds)].sort();
  const found = [];
  if (!sameList(cem, defined) || !sameList(manifest, defined))
    found.push(
      `the tags differ: custom-elements.json declares ${list(cem)}; tweeling.json lists ${list(manifest)}; the module defines ${list(defined)}`,
    );
  if (!sameList(declaredKinds, registeredKinds))
    found.push(
      `the scenario kinds differ: tweeling.json lists ${list(declaredKinds)}; the module registers ${list(registeredKinds)}`,
    );
  const details = { customElements: cem, manifest, defined, declaredKinds, registeredKinds };
  if (found.length) return failed(found.join('; '), details);
  const kinds = registeredKinds.length ? `; scenario kind(s): ${list(registeredKinds)}` : '';
  return passed(`tag(s): ${list(defined)}${kinds}`, details);
}

/** Every tag and scenario kind (manifest, custom-elements.json, the module) starts with `tagPrefix`. */
export function checkPrefix(pkg, defined, registeredKinds) {
  const prefix = pkg.prefix;
  if (!prefix) return failed('tweeling.json declares no tagPrefix');
  if (prefix.startsWith('dt-')) return failed(`tagPrefix "${prefix}" is the SDK's own (dt-)`);
  const names = [
    ...new Set([
      ...pkg.tags,
      ...cemTags(pkg.cem),
      ...defined,
      ...pkg.scenarioKinds,
      ...registeredKinds,
    ]),
  ].sort();
  const wrong = names.filter((t) => !t.startsWith(prefix));
  if (wrong.length)
    return failed(`name(s) without the declared prefix "${prefix}": ${wrong.join(', ')}`, wrong);
  return passed(`${names.length} tag(s) and scenario kind(s) start with "${prefix}"`);
}

/** No uncaught errors, console errors or error events, and the twin drew with the component in it. */
export function checkRender({ mount, kit, elementState, problems, events }) {
  const found = [];
  if (kit.loadError) found.push(`the module failed to load: ${kit.loadError}`);
  if (!mount.mounted || !mount.ready) found.push('the twin did not reach dt-ready in time');
  for (const s of elementState)
    if (s.inTwin > s.upgraded) found.push(`<${s.tag}> in the twin was never defined`);
  for (const p of problems) found.push(`during ${p.phase}: ${p.text}`);
  for (const e of events) found.push(`${e.type} from <${e.target}> ${e.id}: ${e.message}`);
  if (found.length) return failed(summarize(found), found);
  const inTwin = elementState.filter((s) => s.inTwin > 0).map((s) => `<${s.tag}>`);
  return passed(`the twin drew with ${list(inTwin)} in it; no errors`);
}

/** No listener, worker or WebGL context more after the cycles than after the first one. */
export function checkLifecycle(cycle) {
  if (!cycle.cycled) return skipped('no element of the component in the twin to cycle');
  const found = [];
  for (const g of cycle.listeners)
    found.push(
      `${g.added.length} listener(s) added on ${g.target} (${[...new Set(g.added)].join(', ')})`,
    );
  if (cycle.workers.after > cycle.workers.before)
    found.push(`live workers grew from ${cycle.workers.before} to ${cycle.workers.after}`);
  if (cycle.intervals.after > cycle.intervals.before)
    found.push(`live intervals grew from ${cycle.intervals.before} to ${cycle.intervals.after}`);
  if (cycle.contexts.after > cycle.contexts.before)
    found.push(`live WebGL contexts grew from ${cycle.contexts.before} to ${cycle.contexts.after}`);
  const what = `${cycle.cycles} cycles of ${cycle.elements.map((t) => `<${t}>`).join(', ')}`;
  if (found.length) return failed(`after ${what}: ${found.join('; ')}`, cycle);
  return passed(
    `${what}: no growth in listeners, workers (${cycle.workers.after}), WebGL contexts (${cycle.contexts.after}) or intervals (${cycle.intervals.after})`,
    cycle,
  );
}

/** axe-core violations on the component's nodes fail (any others are listed, not counted). */
export function checkAxe(violations) {
  if (violations === null) return skipped('no element of the component in the twin to check');
  const mine = [];
  const elsewhere = [];
  for (const v of violations) {
    const own = v.nodes.filter((n) => n.component);
    if (own.length) mine.push(`${v.id}: ${v.help} (${JSON.stringify(own[0].target)})`);
    if (own.length < v.nodes.length) elsewhere.push(v.id);
  }
  const note = elsewhere.length
    ? `; outside the component, not counted: ${elsewhere.join(', ')}`
    : '';
  if (mine.length) return failed(`${mine.join('; ')}${note}`, violations);
  return passed(`no violations in the component's UI${note}`, violations);
}

/**
 * Violations whose source file (or blocked URL) is one of the package's files fail. The kit's boot
 * script tries an eval first: its report proves the policy was in force.
 */
export function checkCsp(violations, packageBase, kitBase) {
  const mine = violations.filter(
    (v) =>
      !NETWORK_DIRECTIVES.includes(v.directive) &&
      (v.sourceFile?.startsWith(packageBase) || v.blockedURI?.startsWith(packageBase)),
  );
  const control = violations.some(
    (v) => v.blockedURI === 'eval' && v.sourceFile?.startsWith(kitBase),
  );
  const describe = (v) => {
    const mode = v.disposition === 'report' ? ' (report-only)' : '';
    const where = v.sourceFile?.startsWith(packageBase)
      ? v.sourceFile.slice(packageBase.length)
      : v.sourceFile || 'the page';
    return `${v.directive}${mode} refused ${v.blockedURI || 'inline'} at ${where}:${v.line}`;
  };
  if (mine.length) return failed(summarize(mine.map(describe)), mine);
  if (!control)
    return failed("the policy was not in force (the kit's own eval probe was not refused)");
  // Less the kit's own probe, and the refused connections (the origins check's).
  const others = violations.filter((v) => !NETWORK_DIRECTIVES.includes(v.directive)).length - 1;
  const note = others > 0 ? ` (${others} from the SDK or the kit, not counted)` : '';
  return passed(`none from the package's files${note}`);
}

/** Requests only to the kit's server and declared origins; workers only when declared. */
export function checkOrigins(pkg, foreign, violations, workers, packageBase) {
  const found = [];
  // What the policy refused (connect-src, img-src, ...) and anything that got past it.
  const refused = violations
    .filter((v) => NETWORK_DIRECTIVES.includes(v.directive))
    .map((v) => ({ url: v.blockedURI, origin: originOf(v.blockedURI) || v.blockedURI }));
  const undeclared = [...refused, ...foreign.filter((r) => !r.declared)];
  for (const origin of new Set(undeclared.map((r) => r.origin))) {
    const example = undeclared.find((r) => r.origin === origin).url;
    found.push(`requests to ${origin}, which capabilities.origins does not declare (${example})`);
  }
  const ownWorkers = workers.filter(
    (w) => w.stack.includes(packageBase) || w.url.startsWith(packageBase),
  );
  if (ownWorkers.length && pkg.component.capabilities?.workers !== true)
    found.push(`starts ${ownWorkers.length} worker(s) but capabilities.workers is not true`);
  const details = { requests: foreign, refused, workers: ownWorkers.map((w) => w.url) };
  if (found.length) return failed(found.join('; '), details);
  const allowed = [...new Set(foreign.map((r) => r.origin))];
  return passed(
    allowed.length
      ? `only declared origins: ${allowed.join(', ')}`
      : "no requests outside the page's own origin",
    details,
  );
}

/** nl and en declared, and the component's text (or registered messages) differs by language. */
export function checkLocales(pkg, { english, dutch, messages }) {
  const locales = Array.isArray(pkg.component.locales) ? pkg.component.locales : [];
  const missing = ['nl', 'en'].filter((l) => !locales.includes(l));
  if (missing.length)
    return failed(
      `tweeling.json locales (${locales.join(', ') || 'none'}) lack ${missing.join(' and ')}`,
    );
  const nl = messages.nl ?? 0;
  const en = messages.en ?? 0;
  if (nl > 0 && en > 0) return passed(`registers ${nl} Dutch and ${en} English messages`);
  if (nl > 0 || en > 0) return failed(`registers messages for ${nl > 0 ? 'nl' : 'en'} only`);
  if (!english && !dutch) return passed('the component shows no text of its own');
  if (english === dutch)
    return failed(`its text is the same in Dutch and English: "${english.slice(0, 120)}"`);
  return passed(`nl: "${dutch.slice(0, 60)}" / en: "${english.slice(0, 60)}"`);
}
