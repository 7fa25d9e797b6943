import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { loadAxe } from '../helpers/axe.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const twinTemplate = () =>
  html`<dt-twin
    style=${TWIN_SIZE}
    lang="nl"
    center="4.3658,52.0122"
    zoom="16.4"
    pitch="0"
  ></dt-twin>`;

describe('accessibility', () => {
  it('axe-core finds no violations with the layer list, legend and attribute panel open', async () => {
    const { twin } = await mountTwin(twinTemplate());
    const [layer] = twin.controller.layers;
    layer?.selectFeature(0);
    await new Promise((r) => setTimeout(r, 50));
    const info = twin.shadowRoot?.querySelector('dt-feature-info');
    await info?.updateComplete;
    expect(info?.shadowRoot?.querySelector('table')).to.not.equal(null);
    expect(
      twin.shadowRoot?.querySelector('dt-legend')?.shadowRoot?.querySelector('table'),
    ).to.not.equal(null);
    const axe = await loadAxe();
    const result = await axe.run(twin, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    });
    const summary = result.violations.map(
      (v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes[0]?.target)})`,
    );
    expect(summary).to.deep.equal([]);
    // axe looked inside the shadow roots: the checks that passed include the panel's form controls and tables.
    expect(result.passes.map((p) => p.id)).to.include.members([
      'label',
      'button-name',
      'th-has-data-cells',
    ]);
  });

  it('the map is focusable, named, and pans and zooms with the keyboard', async () => {
    const { map } = await mountTwin(twinTemplate());
    const canvas = map.map?.getCanvas();
    expect(canvas?.tabIndex).to.equal(0);
    expect(canvas?.getAttribute('aria-label')).to.equal('Kaart van de tweeling');
    canvas?.focus();
    expect(map.shadowRoot?.activeElement).to.equal(canvas);

    const before = map.view;
    let moved = nextEvent(map, 'dt-view-change');
    await sendKeys({ press: 'ArrowRight' });
    await moved;
    expect(map.view.center[0]).to.be.greaterThan(before.center[0]);

    moved = nextEvent(map, 'dt-view-change');
    await sendKeys({ press: '=' });
    await moved;
    expect(map.view.zoom).to.be.greaterThan(before.zoom + 0.5);
  });

  it('a feature can be selected without a mouse, and its attributes are shown as text', async () => {
    const { twin } = await mountTwin(twinTemplate());
    const list = twin.shadowRoot?.querySelector('dt-feature-list');
    await list?.updateComplete;
    const buttons = [...(list?.shadowRoot?.querySelectorAll('button') ?? [])];
    expect(buttons.length).to.be.greaterThan(10);
    // Tab from the panel toggle reaches the feature buttons: none is taken out of the tab order.
    expect(buttons.every((b) => b.tabIndex === 0 && !b.disabled)).to.equal(true);
    const target = buttons[3];
    target?.focus();
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    const id = event.detail.selection.feature.properties.identificatiebagpnd as string;
    expect(target?.textContent).to.contain(id);
    expect(target?.getAttribute('aria-pressed')).to.equal('true');
    const info = twin.shadowRoot?.querySelector('dt-feature-info');
    await info?.updateComplete;
    const rows = [...(info?.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((r) =>
      r.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).to.include(`identificatiebagpnd ${id}`);
  });
});
