import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { html, render } from 'lit';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import '../../src/define.js';

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

// One twin shared by the tests below (each mount costs seconds of WebGL on a CPU). The tests read
// computed styles, so they wait for the panels' content, not for the map's first frame.
describe('theming', () => {
  let container: HTMLElement;
  let twin: DtTwin;
  const shadowOf = (tag: string) => twin.shadowRoot?.querySelector(tag)?.shadowRoot;
  const panel = () => twin.shadowRoot?.querySelector('aside') as HTMLElement;
  const styleOf = (element: Element | null | undefined) =>
    getComputedStyle(element ?? document.body);

  before(async () => {
    container = document.createElement('div');
    document.body.append(container);
    render(
      html`<style>
          dt-twin.parted::part(heading) {
            color: rgb(128, 0, 64);
          }
        </style>
        <dt-twin lang="en" style="display:block;width:800px;--dt-twin-height:600px"></dt-twin>`,
      container,
    );
    const element = container.querySelector('dt-twin');
    if (!element) throw new Error('no twin');
    twin = element;
    await twin.updateComplete;
    await waitUntil(
      () =>
        shadowOf('dt-legend')?.querySelector('.swatch') &&
        shadowOf('dt-feature-list')?.querySelector('button'),
      'the legend and the features in view',
      { timeout: 30000 },
    );
  });

  after(() => container.remove());

  it('--dt-* custom properties on the host reach inside the panels’ shadow roots', async () => {
    const button = twin.shadowRoot?.querySelector<HTMLButtonElement>('.language button');
    const heading = shadowOf('dt-layer-list')?.querySelector('h2');
    expect(styleOf(panel()).backgroundColor).to.equal('rgba(255, 255, 255, 0.96)');
    twin.style.setProperty('--dt-color-panel', 'rgb(250, 240, 230)');
    twin.style.setProperty('--dt-focus-color', 'rgb(0, 90, 50)');
    twin.style.setProperty('--dt-color-text', 'rgb(20, 20, 60)');
    twin.style.setProperty('--dt-font', 'italic 15px/1.5 serif');
    twin.style.setProperty('--dt-radius', '0px');
    expect(styleOf(panel()).backgroundColor).to.equal('rgb(250, 240, 230)');
    expect(styleOf(heading).color).to.equal('rgb(20, 20, 60)');
    expect(styleOf(heading).fontFamily).to.equal('serif');
    expect(styleOf(button).borderRadius).to.equal('0px');
    const checkbox = shadowOf('dt-layer-list')?.querySelector('input');
    checkbox?.focus();
    expect(checkbox?.matches(':focus-visible')).to.equal(true);
    expect(styleOf(checkbox).outlineColor).to.equal('rgb(0, 90, 50)');
    checkbox?.blur();
    for (const name of ['--dt-color-panel', '--dt-focus-color', '--dt-color-text', '--dt-font'])
      twin.style.removeProperty(name);
    twin.style.removeProperty('--dt-radius');

    // ::part(heading) is exported from every panel through the twin.
    twin.classList.add('parted');
    expect(styleOf(heading).color).to.equal('rgb(128, 0, 64)');
    expect(styleOf(shadowOf('dt-feature-list')?.querySelector('h2')).color).to.equal(
      'rgb(128, 0, 64)',
    );
    twin.classList.remove('parted');
  });

  it('theme="dark" and theme="auto" under prefers-color-scheme: dark darken the panel; page values win', async () => {
    const light = styleOf(panel()).backgroundColor;
    twin.theme = 'dark';
    await twin.updateComplete;
    const dark = styleOf(panel()).backgroundColor;
    expect(dark).to.not.equal(light);
    expect(luminance(dark)).to.be.below(0.05);
    expect(luminance(styleOf(shadowOf('dt-layer-list')?.querySelector('h2')).color)).to.be.above(
      0.8,
    );
    twin.style.setProperty('--dt-color-panel', 'rgb(10, 40, 80)');
    expect(styleOf(panel()).backgroundColor).to.equal('rgb(10, 40, 80)');
    twin.style.removeProperty('--dt-color-panel');

    twin.theme = 'auto';
    await twin.updateComplete;
    expect(styleOf(panel()).backgroundColor).to.equal(light);
    await emulateMedia({ colorScheme: 'dark' });
    try {
      expect(styleOf(panel()).backgroundColor).to.equal(dark);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
      twin.theme = undefined;
      await twin.updateComplete;
    }
  });

  it('forced colors (Windows high contrast): the focused button keeps a visible outline, swatches keep their colour', async () => {
    const swatch = shadowOf('dt-legend')?.querySelector<HTMLElement>('.swatch');
    const swatchColor = styleOf(swatch).backgroundColor;
    expect(swatchColor).to.not.equal('rgba(0, 0, 0, 0)');
    await executeServerCommand('dt-forced-colors', { active: true });
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      for (const button of [
        twin.shadowRoot?.querySelector<HTMLButtonElement>('.toggle'),
        twin.shadowRoot?.querySelector<HTMLButtonElement>('.language button'),
        shadowOf('dt-feature-list')?.querySelector<HTMLButtonElement>('button'),
      ]) {
        button?.focus();
        expect(button?.matches(':focus-visible')).to.equal(true);
        const style = styleOf(button);
        expect(style.outlineStyle, button?.outerHTML).to.equal('solid');
        expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
        expect(style.outlineColor).to.not.match(/rgba\(\d+, \d+, \d+, 0\)|transparent/);
        // The border stays too: a control is visible without focus.
        expect(style.borderTopStyle).to.equal('solid');
        button?.blur();
      }
      expect(styleOf(swatch).backgroundColor).to.equal(swatchColor);
      expect(styleOf(swatch).forcedColorAdjust).to.equal('none');
    } finally {
      await executeServerCommand('dt-forced-colors', { active: false });
    }
  });
});
