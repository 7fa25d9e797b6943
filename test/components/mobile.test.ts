import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { html, render } from 'lit';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import type { DtMap } from '../../src/components/map/dt-map.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { mapOf, nextEvent } from '../helpers/twin.js';

/** Real touch input through the DevTools protocol (scripts/cdp-commands-plugin.mjs). */
const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][] = []) =>
  executeServerCommand('dt-touch', { type, points });

/** Drags one finger from `from` to `to` in `steps` moves (page CSS pixels). */
async function swipe(from: [number, number], to: [number, number], steps = 6): Promise<void> {
  await touch('touchStart', [from]);
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    await touch('touchMove', [
      [Math.round(from[0] + (to[0] - from[0]) * t), Math.round(from[1] + (to[1] - from[1]) * t)],
    ]);
  }
  await touch('touchEnd');
}

// One phone-sized page and one default twin, shared by the tests below in order (each mount of a
// twin costs seconds of WebGL on a CPU).
describe('on a phone (360 x 740)', () => {
  let container: HTMLElement;
  let twin: DtTwin;
  let map: DtMap;
  const toggle = () => twin.shadowRoot?.querySelector<HTMLButtonElement>('.toggle');
  const panel = () => twin.shadowRoot?.querySelector<HTMLElement>('aside');

  before(async () => {
    await setViewport({ width: 360, height: 740 });
    container = document.createElement('div');
    document.body.append(container);
    render(html`<dt-twin></dt-twin>`, container);
    const element = container.querySelector('dt-twin');
    if (!element) throw new Error('no twin');
    twin = element;
    await twin.updateComplete;
    map = mapOf(twin);
  });

  after(async () => {
    container.remove();
    await setViewport({ width: 800, height: 600 });
  });

  it('starts with the panel closed, the map full width, nothing wider than the screen', async () => {
    expect(twin.panelOpen).to.equal(false);
    expect(panel()?.hidden).to.equal(true);
    expect(toggle()?.getAttribute('aria-expanded')).to.equal('false');
    const twinBox = twin.getBoundingClientRect();
    expect(map.getBoundingClientRect().width).to.equal(twinBox.width);
    const scroller = document.scrollingElement;
    expect(scroller?.scrollWidth).to.be.at.most(360);
    const box = toggle()?.getBoundingClientRect();
    expect(box?.left).to.be.at.least(0);
    expect(box?.right).to.be.at.most(360);
  });

  it('the toggle is reached with Tab and opens the panel as a bottom sheet; Escape closes it', async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (let press = 0; press < 15 && twin.shadowRoot?.activeElement !== toggle(); press++) {
      await sendKeys({ press: 'Tab' });
    }
    expect(twin.shadowRoot?.activeElement).to.equal(toggle());
    await sendKeys({ press: 'Enter' });
    await twin.updateComplete;
    const sheet = panel();
    expect(sheet?.hidden).to.equal(false);
    expect(toggle()?.getAttribute('aria-expanded')).to.equal('true');
    const box = sheet?.getBoundingClientRect();
    const twinBox = twin.getBoundingClientRect();
    expect(box?.left).to.equal(twinBox.left);
    expect(box?.right).to.equal(twinBox.right);
    expect(box?.bottom).to.equal(twinBox.bottom);
    expect(box?.top).to.be.greaterThan((toggle()?.getBoundingClientRect().bottom ?? 0) - 1);
    expect(document.scrollingElement?.scrollWidth).to.be.at.most(360);

    await sendKeys({ press: 'Tab' }); // into the sheet: the language switch comes first
    expect(twin.shadowRoot?.activeElement?.closest('aside')).to.equal(sheet);
    await sendKeys({ press: 'Escape' });
    await twin.updateComplete;
    expect(panel()?.hidden).to.equal(true);
    expect(twin.shadowRoot?.activeElement).to.equal(toggle());
  });

  it('a one-finger swipe pans the map, and a tap on a building selects it', async () => {
    await map.ready;
    const canvas = map.map?.getCanvas();
    const rect = canvas?.getBoundingClientRect() ?? new DOMRect();
    const middle: [number, number] = [
      Math.round(rect.left + rect.width / 2),
      Math.round(rect.top + rect.height / 2),
    ];
    const before = map.view.center;
    const moved = nextEvent(twin, 'dt-view-change');
    await swipe(middle, [middle[0] - 80, middle[1] + 40]);
    await moved;
    const after = map.view.center;
    // Dragging the map left and down shows what lies east and north.
    expect(after[0]).to.be.greaterThan(before[0]);
    expect(after[1]).to.be.greaterThan(before[1]);

    // The building nearest the middle of the map that is drawn in front at its roof's pixel.
    await map.rendered();
    const layer = twin.controller.layers[0] as DtLayer;
    const features = layer.sourceElement?.data?.features ?? [];
    const project = projector(map);
    const candidates = features
      .map((f, index) => {
        const [x, y] = project(...interiorPoint(f), layer.elevationOf(f));
        return { index, x, y, distance: Math.hypot(x - rect.width / 2, y - rect.height / 2) };
      })
      .filter(({ x, y }) => x > 0 && y > 0 && x < rect.width && y < rect.height)
      .sort((a, b) => a.distance - b.distance);
    const target = candidates.find(
      ({ index, x, y }) => map.deck?.pickObject({ x, y, radius: 0 })?.index === index,
    );
    if (!target) throw new Error('no building in view');
    const { index } = target;
    const position: [number, number] = [
      Math.round(rect.left + target.x),
      Math.round(rect.top + target.y),
    ];
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    await touch('touchStart', [position]);
    await touch('touchEnd');
    const event = await selected;
    expect(event.detail.selection?.layer).to.equal(layer);
    expect(event.detail.selection?.index).to.equal(index);
    await waitUntil(() => twin.controller.selection?.index === index, 'the selection');
  });
});
