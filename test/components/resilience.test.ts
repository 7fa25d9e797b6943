import { expect, fixture } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { html, nothing } from 'lit';
import type { DtMap } from '../../src/components/map/dt-map.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { BGT_COLORS } from '../../src/core/style/basemap.js';
import { parseColor } from '../../src/core/style/color.js';
import { captureFrame, countPixels, type Frame } from '../helpers/frame.js';
import { countMagentaShades } from '../helpers/pixels.js';
import { mapOf, mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

/** Smaller than TWIN_SIZE: SwiftShader draws on the CPU, and these tests count pixels often. */
const SIZE = 'display:block;width:640px;--dt-twin-height:420px';

/**
 * The Delft buildings extruded in one fixed magenta, so that drawn buildings are countable pixels.
 * `basemap="none"` leaves out the land cover where a test is not about it (it loads faster).
 */
const magentaTwin = (lang: string, basemap: string | null = null) =>
  html`<dt-twin style=${SIZE} lang=${lang} panel="closed" basemap=${basemap ?? nothing}>
    <dt-map center="4.3658,52.0122" zoom="16" pitch="40" bearing="0"></dt-map>
    <dt-data-source id="panden" src="/src/data/delft/buildings.geojson"></dt-data-source>
    <dt-layer
      source="panden"
      type="extrusion"
      height="ahn3_h_dak_70p"
      base="ahn3_h_maaiveld"
      color="#ff00ff"
      label="Panden"
    ></dt-layer>
  </dt-twin>`;

/** Pixels of the frame in any of the basemap's land-cover colours. */
const landCoverPixels = (frame: Frame) =>
  Object.values(BGT_COLORS).reduce(
    (n, css) => n + countPixels(frame, parseColor(css) ?? [0, 0, 0, 0], 2),
    0,
  );

const frames = (n = 1) =>
  new Promise<void>((resolve) => {
    const step = (left: number) =>
      left <= 0 ? resolve() : requestAnimationFrame(() => step(left - 1));
    step(n);
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Errors that reach the page unhandled, collected until `stop()`. */
function uncaughtErrors() {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(`unhandled rejection: ${e.reason}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

function loseContextExtension(map: DtMap): WEBGL_lose_context {
  const gl = map.map?.getCanvas().getContext('webgl2');
  const ext = gl?.getExtension('WEBGL_lose_context');
  if (!ext) throw new Error('no WEBGL_lose_context');
  return ext;
}

/** The status line of a map (role="status"), its text and whether it can be seen. */
function statusOf(map: DtMap): { text: string; visible: boolean } {
  const el = map.shadowRoot?.querySelector<HTMLElement>('[role="status"]');
  if (!el) return { text: '', visible: false };
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    text: el.textContent?.trim() ?? '',
    visible:
      box.width > 20 && box.height > 10 && style.visibility !== 'hidden' && el.checkVisibility(),
  };
}

/** Waits until MapLibre has followed a size change (its ResizeObserver is throttled) and redrawn. */
async function settle(map: DtMap): Promise<void> {
  await frames(2);
  await sleep(120);
  await map.rendered();
}

describe('map resilience', () => {
  it('rebuilds the map and its deck.gl layers after the WebGL context is lost and restored', async () => {
    const uncaught = uncaughtErrors();
    try {
      const { twin, map } = await mountTwin(magentaTwin('nl'));
      const first = await captureFrame(map);
      const before = countMagentaShades(first);
      const groundBefore = landCoverPixels(first);
      expect(before, 'magenta pixels before').to.be.greaterThan(5000);
      expect(groundBefore, 'land-cover pixels before').to.be.greaterThan(5000);
      const viewBefore = map.view;
      expect(statusOf(map).text).to.equal('');

      const ext = loseContextExtension(map);
      const canvas = map.map?.getCanvas();
      if (!canvas) throw new Error('no canvas');
      const lost = nextEvent(canvas, 'webglcontextlost');
      ext.loseContext();
      await lost;
      await map.updateComplete;
      const whileLost = statusOf(map);
      expect(whileLost.text).to.equal('Kaart wordt hersteld…');
      expect(whileLost.visible, 'the status message is visible').to.equal(true);
      // The message follows the twin's language.
      twin.lang = 'en';
      await twin.updateComplete;
      await sleep(0);
      await map.updateComplete;
      expect(statusOf(map).text).to.equal('Restoring the map…');

      const ready = nextEvent(map, 'dt-ready');
      // Chrome allows restoreContext() only after the lost event has been fully dispatched.
      await sleep(0);
      ext.restoreContext();
      await ready;
      await map.updateComplete;
      expect(statusOf(map).text, 'the status message is gone once the map draws').to.equal('');
      const restored = await captureFrame(map);
      const after = countMagentaShades(restored);
      const groundAfter = landCoverPixels(restored);
      expect(after, `magenta pixels after restore (before: ${before})`).to.be.within(
        before * 0.9,
        before * 1.1,
      );
      expect(groundAfter, `land-cover pixels after restore (before: ${groundBefore})`).to.be.within(
        groundBefore * 0.9,
        groundBefore * 1.1,
      );
      const view = map.view;
      expect(view.zoom).to.be.closeTo(viewBefore.zoom, 1e-6);
      expect(view.pitch).to.be.closeTo(viewBefore.pitch, 1e-6);
      expect(view.center[0]).to.be.closeTo(viewBefore.center[0], 1e-9);
      expect(view.center[1]).to.be.closeTo(viewBefore.center[1], 1e-9);

      // Lost again, and removed before the browser restores it: the map goes without errors.
      const canvas2 = map.map?.getCanvas();
      if (!canvas2) throw new Error('no canvas');
      const lostAgain = nextEvent(canvas2, 'webglcontextlost');
      loseContextExtension(map).loseContext();
      await lostAgain;
      twin.remove();
      await sleep(50);
      expect(map.map).to.equal(undefined);
      expect(uncaught.errors).to.deep.equal([]);
    } finally {
      uncaught.stop();
    }
  });

  for (const [lang, text] of [
    ['nl', 'Deze kaart heeft WebGL nodig'],
    ['en', 'This map needs WebGL'],
  ] as const) {
    it(`without WebGL shows an alert (${lang}), and the panel still works`, async () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        type: string,
        ...rest: unknown[]
      ) {
        if (/webgl/i.test(type)) return null;
        return (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
      } as typeof original;
      const uncaught = uncaughtErrors();
      try {
        const twin = await fixture<DtTwin>(
          html`<dt-twin style=${TWIN_SIZE} lang=${lang}></dt-twin>`,
        );
        await twin.updateComplete;
        const map = mapOf(twin);
        await map.updateComplete;
        await Promise.all(twin.controller.sources.map((s) => s.settled));
        await sleep(100);
        const alert = map.shadowRoot?.querySelector<HTMLElement>('[role="alert"]');
        expect(alert?.textContent?.trim()).to.contain(text);
        expect(alert?.checkVisibility(), 'the alert is visible').to.equal(true);
        expect(map.map).to.equal(undefined);
        // The rest of the twin renders: the panel lists the default buildings layer.
        const list = twin.shadowRoot?.querySelector('dt-layer-list');
        await list?.updateComplete;
        const panelText = list?.shadowRoot?.textContent ?? '';
        expect(panelText).to.contain(lang === 'nl' ? 'Gebouwen (BAG)' : 'Buildings (BAG)');
        expect(twin.controller.layers.length).to.equal(1);
        expect(uncaught.errors).to.deep.equal([]);
      } finally {
        uncaught.stop();
        HTMLCanvasElement.prototype.getContext = original;
      }
    });
  }

  it('draws again at the right size after display:none, and after a move to another container', async () => {
    const { twin, map } = await mountTwin(magentaTwin('en', 'none'));
    const host = document.createElement('div');
    try {
      const before = countMagentaShades(await captureFrame(map));
      expect(before).to.be.greaterThan(5000);
      const maplibre = map.map;
      if (!maplibre) throw new Error('no map');
      const size = () => {
        const canvas = maplibre.getCanvas();
        const container = maplibre.getContainer();
        return {
          canvas: [canvas.width, canvas.height],
          container: [container.clientWidth, container.clientHeight],
        };
      };

      // Hidden, resized while hidden, shown again.
      twin.style.display = 'none';
      await settle(map);
      twin.style.width = '520px';
      await frames(2);
      twin.style.display = 'block';
      await settle(map);
      let s = size();
      expect(s.container).to.deep.equal([520, 420]);
      expect(s.canvas, 'canvas follows the container after display:none').to.deep.equal(
        s.container,
      );
      const shown = countMagentaShades(await captureFrame(map));
      // Narrower: fewer buildings fit, but the layer must draw (measured: 0.95 of it).
      expect(shown, `magenta after showing again (before: ${before})`).to.be.greaterThan(
        before * 0.5,
      );

      // Moved into another container (same task: the map is kept), back at the original size.
      document.body.append(host);
      twin.style.width = '640px';
      host.append(twin);
      await settle(map);
      expect(map.map, 'the same map survives a move').to.equal(maplibre);
      s = size();
      expect(s.container).to.deep.equal([640, 420]);
      expect(s.canvas).to.deep.equal(s.container);
      const moved = countMagentaShades(await captureFrame(map));
      expect(moved, `magenta after the move (before: ${before})`).to.be.within(
        before * 0.9,
        before * 1.1,
      );
    } finally {
      host.remove();
    }
  });

  describe('prefers-reduced-motion', () => {
    /**
     * Presses ArrowRight on the focused map; counts MapLibre's `move` events until `moveend`, and the
     * animation frames from the keydown to `moveend`.
     */
    async function pressArrow(
      map: DtMap,
    ): Promise<{ moves: number; frames: number; moved: number }> {
      const maplibre = map.map;
      if (!maplibre) throw new Error('no map');
      const canvas = maplibre.getCanvas();
      canvas.focus();
      expect(map.shadowRoot?.activeElement, 'the map canvas has focus').to.equal(canvas);
      const lonBefore = maplibre.getCenter().lng;
      let moves = 0;
      let frameCount = -1; // -1: no keydown yet
      let ended = false;
      const onMove = () => moves++;
      const onKeyDown = () => {
        frameCount = 0;
        const tick = () => {
          if (ended) return;
          frameCount++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      };
      maplibre.on('move', onMove);
      canvas.addEventListener('keydown', onKeyDown, { once: true });
      try {
        const end = new Promise<void>((resolve) =>
          maplibre.once('moveend', () => {
            ended = true;
            resolve();
          }),
        );
        await sendKeys({ press: 'ArrowRight' });
        await Promise.race([end, sleep(3000)]);
        return { moves, frames: frameCount, moved: maplibre.getCenter().lng - lonBefore };
      } finally {
        maplibre.off('move', onMove);
        canvas.removeEventListener('keydown', onKeyDown);
      }
    }

    afterEach(async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
    });

    it('animates a keyboard pan normally, and jumps when the user prefers reduced motion', async () => {
      // No basemap, no layers, small: this test is about the camera, not about drawing.
      const { map } = await mountTwin(
        html`<dt-twin
          style="display:block;width:480px;--dt-twin-height:360px"
          panel="closed"
          basemap="none"
        >
          <dt-map center="4.3658,52.0122" zoom="16" pitch="0"></dt-map>
        </dt-twin>`,
      );
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(false);
      const animated = await pressArrow(map);
      expect(animated.moved, 'ArrowRight pans east').to.be.greaterThan(0);
      // 300 ms of easing: several frames even when frames are slow (SwiftShader on a busy machine).
      expect(animated.moves, 'an animated pan moves in several steps').to.be.at.least(2);

      await emulateMedia({ reducedMotion: 'reduce' });
      expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
      const jumped = await pressArrow(map);
      expect(jumped.moved, 'ArrowRight still pans east').to.be.greaterThan(0);
      expect(jumped.moves, 'a reduced-motion pan is one jump').to.equal(1);
      // The keyboard handler applies the change in the next animation frame: the jump ends there.
      expect(jumped.frames, 'frames from keydown to moveend').to.be.within(0, 1);
      expect(animated.frames, 'frames of the animated pan').to.be.at.least(2);
    });
  });
});
