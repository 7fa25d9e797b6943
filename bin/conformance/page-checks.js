/* global customElements, Node, NodeFilter, ShadowRoot, requestAnimationFrame */
/**
 * The in-page half of the conformance checks, installed as `window.__kitChecks` before the page loads
 * (playwright's addInitScript). Each function is called from node with `tab.evaluate` and returns
 * plain data. "The component's elements" are the elements in the twin whose tag is one of the
 * package's tags.
 */
(() => {
  const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const twinOf = () => document.querySelector('dt-twin');
  /** Custom element names (anything else in a manifest's tags is not looked for). */
  const TAG_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;
  const elementsOf = (tags) => {
    const twin = twinOf();
    const names = tags.filter((tag) => TAG_NAME.test(tag));
    if (!twin || names.length === 0) return [];
    return [...twin.querySelectorAll(names.join(','))];
  };
  /** Waits for a lit element's pending update; a failed render is the render check's finding. */
  const settled = (element) => Promise.resolve(element.updateComplete).catch(() => {});
  const mapOf = (twin) => twin.querySelector('dt-map') ?? twin.shadowRoot?.querySelector('dt-map');

  /** Waits until every data source and scenario of the twin has finished loading (or `ms` passed). */
  async function settleSources(ms) {
    const twin = twinOf();
    const end = performance.now() + ms;
    while (twin?.controller && performance.now() < end) {
      const sources = twin.controller.sources;
      await Promise.race([
        Promise.all(sources.map((s) => s.settled)),
        tick(end - performance.now()),
      ]);
      await tick(50);
      if (twin.controller.sources.every((s) => s.state !== 'loading')) break;
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }

  /** Waits for the component to be mounted in the twin and the twin to draw (`dt-ready`). */
  async function mountAndSettle(ms) {
    const kit = window.__kit;
    const end = performance.now() + ms;
    while (!(kit.mounted && kit.ready) && performance.now() < end) await tick(50);
    if (kit.mounted) await settleSources(Math.max(1000, end - performance.now()));
    await tick(200);
    const twin = twinOf();
    return {
      mounted: kit.mounted,
      ready: kit.ready,
      twinDefined: Boolean(twin && customElements.get('dt-twin') && twin.controller),
    };
  }

  /** Which of `tags` are defined, and whether the twin holds an upgraded element of each. */
  function elementState(tags) {
    return tags.map((tag) => {
      const elements = elementsOf([tag]);
      return {
        tag,
        defined: Boolean(customElements.get(tag)),
        inTwin: elements.length,
        upgraded: elements.filter((e) => e.matches(':defined')).length,
      };
    });
  }

  /**
   * Removes and re-inserts the component's elements `cycles` times (after one warm-up cycle) and
   * says what grew: listeners on the long-lived targets (window, document, the twin, its controller,
   * its map, the elements themselves), live workers, live WebGL contexts, live intervals.
   */
  async function cycle(tags, cycles, ms) {
    const kit = window.__kit;
    const twin = twinOf();
    let elements = elementsOf(tags);
    if (elements.length === 0 && twin)
      elements = [...twin.children].filter((e) => !e.hasAttribute('data-conformance-kit'));
    if (elements.length === 0) return { cycled: 0 };
    const map = mapOf(twin);
    const named = [
      ['window', window],
      ['document', document],
      ['<html>', document.documentElement],
      ['<body>', document.body],
      ['<dt-twin>', twin],
      ['<dt-twin> shadow root', twin.shadowRoot],
      ['twin controller', twin.controller],
      ['<dt-map>', map],
      ['<dt-map> shadow root', map?.shadowRoot],
      ...elements.flatMap((e) => [
        [`<${e.localName}>`, e],
        [`<${e.localName}> shadow root`, e.shadowRoot],
      ]),
    ].filter(([, target]) => target);
    const snapshot = () => named.map(([name, target]) => [name, new Set(kit.listenerKeys(target))]);
    const once = async () => {
      for (const element of elements) {
        const parent = element.parentNode;
        const next = element.nextSibling;
        element.remove();
        await tick();
        parent.insertBefore(element, next);
        await settled(element);
      }
      await tick();
    };
    await once();
    await settleSources(ms);
    const before = snapshot();
    const workersBefore = kit.liveWorkers.size;
    const contextsBefore = kit.liveContexts();
    const intervalsBefore = kit.liveIntervals();
    for (let i = 0; i < cycles; i++) await once();
    await settleSources(ms);
    await tick(200);
    const after = snapshot();
    const grown = [];
    for (const [index, [name, keys]] of after.entries()) {
      const added = [...keys].filter((k) => !before[index][1].has(k));
      if (added.length)
        grown.push({ target: name, added: added.map((k) => k.replace(/#\d+/, '')) });
    }
    return {
      cycled: elements.length,
      cycles,
      elements: elements.map((e) => e.localName),
      listeners: grown,
      workers: { before: workersBefore, after: kit.liveWorkers.size },
      contexts: { before: contextsBefore, after: kit.liveContexts() },
      intervals: { before: intervalsBefore, after: kit.liveIntervals() },
    };
  }

  /** The node an axe target names (a selector, or a list of selectors through shadow roots). */
  function resolveTarget(target) {
    let node = document;
    for (const selector of target.flat()) {
      const root = node === document ? document : (node.shadowRoot ?? node);
      node = root.querySelector(selector);
      if (!node) return null;
    }
    return node === document ? null : node;
  }

  /** Whether `node` is one of `elements` or inside one (through shadow roots). */
  function inside(node, elements) {
    for (let n = node; n; n = n instanceof ShadowRoot ? n.host : n.parentNode)
      if (elements.includes(n)) return true;
    return false;
  }

  /**
   * Runs axe-core (WCAG 2.1 / 2.2 A and AA, best practices) over the component's elements and their
   * shadow roots, in place in the twin (so inherited colours and landmarks count); marks each node
   * found as the component's or not. Null when the twin holds none of its elements.
   */
  async function axe(tags, url, rules) {
    const elements = elementsOf(tags);
    if (elements.length === 0) return null;
    if (!window.axe) {
      await new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = url;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`axe-core did not load from ${url}`));
        document.head.append(script);
      });
    }
    const context = { include: elements };
    const result = await window.axe.run(context, { runOnly: rules, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: String(n.html).slice(0, 160),
        component: inside(resolveTarget(n.target), elements),
      })),
    }));
  }

  const ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'alt', 'placeholder'];
  /** The text a user sees or hears from `root` (text nodes and labelling attributes, through shadow roots). */
  function textUnder(root, out) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement?.localName;
        if (parent !== 'style' && parent !== 'script' && node.data.trim())
          out.push(node.data.trim());
      } else {
        for (const name of ATTRIBUTES) {
          const value = node.getAttribute(name);
          if (value?.trim()) out.push(value.trim());
        }
        if (node.shadowRoot) textUnder(node.shadowRoot, out);
      }
    }
    return out;
  }

  /** The component's own text: its elements' content, a name or legend it makes up itself. */
  function componentText(tags) {
    const out = [];
    for (const element of elementsOf(tags)) {
      if (element.shadowRoot) textUnder(element.shadowRoot, out);
      textUnder(element, out);
      const given =
        element.getAttribute('label') ?? element.getAttribute('source') ?? element.layerId;
      if (typeof element.displayName === 'string' && element.displayName !== given)
        out.push(element.displayName);
    }
    return out.join(' | ');
  }

  /** Switches the twin to `locale` and returns the component's text once everything re-rendered. */
  async function textIn(tags, locale) {
    const twin = twinOf();
    if (!twin) return '';
    twin.setAttribute('lang', locale);
    await settled(twin);
    await tick(50);
    for (const element of elementsOf(tags)) await settled(element);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return componentText(tags);
  }

  window.__kitChecks = { mountAndSettle, elementState, cycle, axe, textIn };
})();
