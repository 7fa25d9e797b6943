import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, type LitElement } from 'lit';
import type { DtLayerElement } from '../../src/components/base/dt-layer-element.js';
import { featuresInView } from '../../src/components/feature-list/features-in-view.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { axeViolations } from '../helpers/axe.js';
import { mapOf, mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const BUILDINGS = '/src/data/delft/buildings.geojson';

/** The element that has focus, through every open shadow root. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The twin's live region. */
function liveRegion(twin: DtTwin): HTMLElement {
  const region = twin.shadowRoot?.querySelector<HTMLElement>('[aria-live="polite"]');
  if (!region) throw new Error('the twin has no live region');
  return region;
}

const spoken = (twin: DtTwin) => liveRegion(twin).textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits until the live region says something other than `before`, and returns it. */
async function nextAnnouncement(twin: DtTwin, before = spoken(twin)): Promise<string> {
  await waitUntil(() => spoken(twin) !== before, 'the live region said nothing new', {
    timeout: 5000,
  });
  return spoken(twin);
}

/** Every focusable element in the twin's panel, its toggle, and the shadow roots inside the panel. */
function panelFocusables(twin: DtTwin): HTMLElement[] {
  const focusable = 'button, input, select, textarea, summary, a[href], [tabindex]';
  const found: HTMLElement[] = [];
  const walk = (root: ParentNode) => {
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (element.matches(focusable) && element.tabIndex >= 0) found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  const shadow = twin.shadowRoot;
  const toggle = shadow?.querySelector<HTMLElement>('.toggle');
  if (toggle) found.push(toggle);
  const panel = shadow?.querySelector('aside');
  if (panel) walk(panel);
  return found;
}

/** The target of a control: a checkbox's target is its label (clicking either toggles it). */
function targetRect(element: HTMLElement): DOMRect {
  const label = element.closest('label');
  return (label ?? element).getBoundingClientRect();
}

describe('accessibility', () => {
  it('axe-core finds no violations with every panel open, and every control is at least 24 by 24 px', async () => {
    const { twin } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} lang="nl" center="4.3658,52.0122" zoom="16.4" pitch="0">
      </dt-twin>`,
    );
    const [layer] = twin.controller.layers;
    layer?.selectFeature(0);
    const info = twin.shadowRoot?.querySelector('dt-feature-info');
    await waitUntil(() => info?.shadowRoot?.querySelector('table'), 'the attribute table');
    expect(
      twin.shadowRoot?.querySelector('dt-legend')?.shadowRoot?.querySelector('table'),
    ).to.not.equal(null);
    const { lines, result } = await axeViolations(twin);
    expect(lines).to.deep.equal([]);
    // axe looked inside the shadow roots: the checks that passed include the panel's form controls and tables.
    expect(result.passes.map((p) => p.id)).to.include.members([
      'label',
      'button-name',
      'th-has-data-cells',
      'aria-allowed-attr',
    ]);

    // WCAG 2.2 2.5.8: every target at least 24 by 24 CSS px (the checkbox's target is its label).
    const controls = panelFocusables(twin);
    expect(controls.length).to.be.greaterThan(20); // toggle, 2 languages, checkbox, features, clear
    const small = controls
      .map((element) => ({ element, rect: targetRect(element) }))
      .filter(({ rect }) => rect.width < 24 || rect.height < 24)
      .map(
        ({ element, rect }) => `${element.outerHTML.slice(0, 60)}: ${rect.width}x${rect.height}`,
      );
    expect(small).to.deep.equal([]);
  });

  it('keyboard only: Tab reaches the map, the toggle, the language switch, a layer checkbox and the features; Enter, Space and the arrows work', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-twin>`,
    );
    const shadow = twin.shadowRoot;
    const layerList = shadow?.querySelector('dt-layer-list');
    const heading = () => layerList?.shadowRoot?.querySelector('h2')?.textContent?.trim();
    const settle = async () => {
      await twin.updateComplete;
      await new Promise((resolve) => setTimeout(resolve)); // the twin's change events are coalesced
      await Promise.all(
        [...(shadow?.querySelectorAll('aside > *') ?? [])].map(
          (panel) => (panel as LitElement).updateComplete,
        ),
      );
    };
    expect(heading()).to.equal('Layers'); // the test page is lang="en"
    // The data's announcement comes first (it must not merge with the map's below).
    await waitUntil(() => spoken(twin).includes('loaded: 160 features'), 'the data announcement');

    (document.activeElement as HTMLElement | null)?.blur();
    const reached: string[] = [];
    for (let press = 0; press < 40 && !reached.includes('feature'); press++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      if (!active) continue;
      const canvas = map.map?.getCanvas();
      if (active === canvas) {
        reached.push('map');
        expect(canvas.getAttribute('aria-label')).to.equal('Map of the twin');
        const before = map.view;
        const moved = nextEvent(twin, 'dt-view-change');
        const announced = nextAnnouncement(twin);
        await sendKeys({ press: 'ArrowRight' });
        await moved;
        expect(map.view.center[0]).to.be.greaterThan(before.center[0]);
        const count = featuresInView(twin.controller, 0, String).total;
        expect(await announced).to.equal(`Map moved: zoom 16.4, ${count} features in view`);
      } else if (active.matches('.toggle')) {
        reached.push('toggle');
        expect(active.getAttribute('aria-expanded')).to.equal('true');
      } else if (active.matches('.language button[lang="nl"]')) {
        reached.push('nl');
        await sendKeys({ press: 'Enter' });
        await settle();
        expect(heading()).to.equal('Lagen');
        expect(twin.getAttribute('lang')).to.equal('nl');
        expect(active.getAttribute('aria-pressed')).to.equal('true');
      } else if (active.matches('.language button[lang="en"]')) {
        reached.push('en');
        await sendKeys({ press: 'Space' });
        await settle();
        expect(heading()).to.equal('Layers');
      } else if (active.matches('input[type="checkbox"]')) {
        reached.push('checkbox');
        const layer = twin.controller.layers[0] as DtLayerElement;
        await sendKeys({ press: 'Space' });
        expect(layer.visible).to.equal(false);
        await sendKeys({ press: 'Space' });
        expect(layer.visible).to.equal(true);
        await settle();
      } else if (active.matches('button[aria-pressed]') && active.getRootNode() !== shadow) {
        reached.push('feature');
        const selected = nextEvent<CustomEvent>(twin, 'dt-select');
        await sendKeys({ press: 'Enter' });
        const event = await selected;
        const id = String(event.detail.selection.feature.properties.identificatiebagpnd);
        expect(active.textContent).to.contain(id);
        await settle();
        expect(active.getAttribute('aria-pressed')).to.equal('true');
        const info = shadow?.querySelector('dt-feature-info');
        await info?.updateComplete;
        expect(info?.shadowRoot?.querySelector('h2')?.textContent).to.contain(id);
        const rows = [...(info?.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((r) =>
          r.textContent?.replace(/\s+/g, ' ').trim(),
        );
        expect(rows).to.include(`identificatiebagpnd ${id}`);
      }
    }
    // In this order: the map, the panel toggle, the panel (language first, then layers, then features).
    expect(reached).to.deep.equal(['map', 'toggle', 'nl', 'en', 'checkbox', 'feature']);
  });

  it('the live region speaks once per change, in the twin language: data loaded or failed, view, scenario runs', async () => {
    const twin = await fixture<DtTwin>(
      html`<dt-twin style=${TWIN_SIZE} lang="nl" center="4.3658,52.0122" zoom="16.4" pitch="0">
        <dt-data-source id="panden" src=${BUILDINGS}></dt-data-source>
        <dt-data-source id="bomen" src="/test/fixtures/no-such-file.geojson"></dt-data-source>
        <dt-layer
          source="panden"
          type="extrusion"
          height="ahn3_h_dak_70p"
          label="Panden"
        ></dt-layer>
        <dt-layer source="bomen" type="fill" label="Bomen"></dt-layer>
      </dt-twin>`,
    );
    const region = liveRegion(twin);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(spoken(twin)));
    observer.observe(region, { subtree: true, characterData: true, childList: true });
    // Both sources settle: one announcement with both, or one each when they settle far apart.
    await waitUntil(() => texts.join(' ').includes('Bomen'), 'the source announcements', {
      timeout: 10000,
    });
    await waitUntil(() => texts.join(' ').includes('Panden'), 'the source announcements');
    expect(texts.join(' ')).to.contain('Panden geladen: 160 objecten');
    expect(texts.join(' ')).to.match(/Bomen kon niet worden geladen: HTTP 404/);

    // Three quick moves are one announcement, of the view where the map stopped.
    const map = mapOf(twin);
    await map.ready;
    texts.length = 0;
    const announced = nextAnnouncement(twin);
    for (const zoom of [15, 15.5, 17]) map.map?.jumpTo({ zoom });
    const count = featuresInView(twin.controller, 0, String).total;
    expect(await announced).to.equal(`Kaart verplaatst: zoom 17, ${count} objecten in beeld`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(texts).to.have.length(1);

    // Scenario runs (the events a <dt-scenario> fires), now in English.
    twin.setAttribute('lang', 'en');
    const layer = twin.querySelector('dt-layer');
    const fire = (type: string, detail: object) =>
      layer?.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    let next = nextAnnouncement(twin);
    fire('dt-scenario-progress', { scenarioId: 'breach', share: 0.1 });
    fire('dt-scenario-progress', { scenarioId: 'breach', share: 0.2 });
    expect(await next).to.equal('breach: calculation started');
    next = nextAnnouncement(twin);
    fire('dt-scenario-complete', { scenarioId: 'breach', result: {} });
    expect(await next).to.equal('breach: calculation finished');
    next = nextAnnouncement(twin);
    fire('dt-scenario-progress', { scenarioId: 'breach', share: 0.1 });
    fire('dt-scenario-error', { scenarioId: 'breach', error: { reason: 'no water level' } });
    // The start and the failure of one run within the wait: only the failure is said.
    expect(await next).to.equal('breach: calculation failed: no water level');
  });
});
