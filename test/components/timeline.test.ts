import { axeViolations } from '../helpers/axe.js';
import { expect, fixture } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../src/components/timeline/define.js';
import type { DtTimeline } from '../../src/components/timeline/dt-timeline.js';
import type {
  DtTimeChangeDetail,
  TimeVarying,
} from '../../src/components/timeline/time-varying.js';

/** The smallest time-varying result: times, a settable time, and `dt-times-change`. */
class TestRun extends HTMLElement implements TimeVarying {
  times: readonly number[] = [];
  /** Every time set on it, in order. */
  readonly shown: number[] = [];
  private current = 0;

  get time(): number {
    return this.current;
  }

  set time(value: number) {
    this.current = value;
    this.shown.push(value);
  }

  finish(times: number[]): void {
    this.times = times;
    this.dispatchEvent(
      new CustomEvent('dt-times-change', { detail: { times }, bubbles: true, composed: true }),
    );
  }
}
if (!customElements.get('test-time-run')) customElements.define('test-time-run', TestRun);

/** Every quarter of an hour for an hour, in seconds. */
const QUARTERS = [0, 900, 1800, 2700, 3600];

interface Parts {
  root: HTMLElement;
  timeline: DtTimeline;
  run: TestRun;
  button: HTMLButtonElement;
  slider: HTMLInputElement;
  label: HTMLElement;
  status: HTMLElement;
}

let mounted = 0;

/** A run and a timeline pointing at it with `for`, inside an element with `lang`. */
async function mount(lang = 'en', times: number[] = QUARTERS, speed?: number): Promise<Parts> {
  const id = `run${++mounted}`;
  const root = await fixture<HTMLDivElement>(
    html`<div lang=${lang}>
      <test-time-run id=${id}></test-time-run>
      <dt-timeline for=${id} .speed=${speed}></dt-timeline>
    </div>`,
  );
  const run = root.querySelector('test-time-run') as TestRun;
  const timeline = root.querySelector('dt-timeline') as DtTimeline;
  if (times.length) run.finish(times);
  await timeline.updateComplete;
  return parts(root, timeline, run);
}

function parts(root: HTMLElement, timeline: DtTimeline, run: TestRun): Parts {
  const shadow = timeline.shadowRoot;
  const get = <T extends Element>(selector: string) => {
    const element = shadow?.querySelector<T>(selector);
    if (!element) throw new Error(`no ${selector} in dt-timeline`);
    return element;
  };
  return {
    root,
    timeline,
    run,
    button: get<HTMLButtonElement>('[part=play]'),
    slider: get<HTMLInputElement>('[part=slider]'),
    label: get<HTMLElement>('[part=label]'),
    status: get<HTMLElement>('[role=status]'),
  };
}

/** Resolves with the next `type` event, or rejects after `ms`. */
function nextEvent<T extends Event>(target: EventTarget, type: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms);
    target.addEventListener(
      type,
      (event) => {
        clearTimeout(timer);
        resolve(event as T);
      },
      { once: true },
    );
  });
}

const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  });

describe('dt-timeline', () => {
  it('ArrowRight moves the target to the next time, fires dt-time-change and updates aria-valuetext', async () => {
    const { timeline, run, slider, label } = await mount();
    expect(slider.getAttribute('aria-valuetext')).to.equal('0 seconds');
    expect(label.textContent?.trim()).to.equal('0:00:00');
    slider.focus();
    const changed = nextEvent<CustomEvent<DtTimeChangeDetail>>(timeline, 'dt-time-change');
    await sendKeys({ press: 'ArrowRight' });
    expect((await changed).detail).to.deep.equal({ time: 900, index: 1 });
    expect(run.time).to.equal(900);
    await timeline.updateComplete;
    expect(slider.getAttribute('aria-valuetext')).to.equal('15 minutes');
    expect(label.textContent?.trim()).to.equal('0:15:00');
    await sendKeys({ press: 'ArrowRight' });
    expect(run.time).to.equal(1800);
    await sendKeys({ press: 'ArrowLeft' });
    expect(run.time).to.equal(900);
  });

  it('End goes to the last time and Home to the first', async () => {
    const { timeline, run, slider } = await mount();
    slider.focus();
    await sendKeys({ press: 'End' });
    expect(run.time).to.equal(3600);
    await timeline.updateComplete;
    expect(slider.getAttribute('aria-valuetext')).to.equal('1 hour');
    await sendKeys({ press: 'Home' });
    expect(run.time).to.equal(0);
  });

  it('play advances the time over animation frames; pause stops it and announces the time', async () => {
    const { timeline, run, button, status } = await mount();
    timeline.speed = 9000; // one quarter of an hour per 0.1 s
    expect(button.textContent?.trim()).to.equal('Play');
    const changed = nextEvent<CustomEvent<DtTimeChangeDetail>>(timeline, 'dt-time-change');
    button.click();
    expect(timeline.playing).to.equal(true);
    await timeline.updateComplete;
    expect(button.textContent?.trim()).to.equal('Pause');
    expect((await changed).detail.time).to.equal(900);
    expect(run.time).to.equal(900);
    expect(status.textContent).to.equal(''); // nothing announced while playing
    button.click();
    expect(timeline.playing).to.equal(false);
    const pausedAt = run.time;
    const setCount = run.shown.length;
    await frames(10);
    expect(run.time).to.equal(pausedAt);
    expect(run.shown.length).to.equal(setCount);
    await timeline.updateComplete;
    expect(button.textContent?.trim()).to.equal('Play');
    expect(status.textContent).to.equal(
      `Paused at ${timeline.shadowRoot?.querySelector('[part=slider]')?.getAttribute('aria-valuetext')}`,
    );
    expect(status.textContent).to.match(/^Paused at \d+ (minutes|hour)/);
    // Every time set during playback was one of the run's times (snapped), in order.
    expect(run.shown.every((t) => QUARTERS.includes(t))).to.equal(true);
  });

  it('stops at the last time and announces the end; with loop it starts again', async () => {
    const { timeline, run, status } = await mount('en', QUARTERS, 36000);
    timeline.play();
    await nextEvent(timeline, 'dt-time-change');
    while (timeline.playing) await frames(1);
    expect(run.time).to.equal(3600);
    await timeline.updateComplete;
    expect(status.textContent).to.equal('End reached at 1 hour');

    timeline.loop = true;
    run.shown.length = 0;
    timeline.play(); // from the last time, play starts again at the first
    const seen: number[] = [];
    const onChange = (event: CustomEvent<DtTimeChangeDetail>) => seen.push(event.detail.index);
    timeline.addEventListener('dt-time-change', onChange);
    for (let i = 0; i < 120 && !(seen.includes(4) && seen.lastIndexOf(0) > seen.indexOf(4)); i++)
      await frames(1);
    timeline.pause();
    timeline.removeEventListener('dt-time-change', onChange);
    expect(seen.lastIndexOf(0)).to.be.greaterThan(seen.indexOf(4));
  });

  it('announces the time when a pointer scrub ends', async () => {
    const { timeline, run, slider, status } = await mount();
    const box = slider.getBoundingClientRect();
    const y = Math.round(box.top + box.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(box.left + 2), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(box.right - 2), y] });
    await sendMouse({ type: 'up' });
    await resetMouse();
    expect(run.time).to.equal(3600);
    await timeline.updateComplete;
    expect(status.textContent).to.equal('Time: 1 hour');
  });

  it('is disabled with "no results yet" until the target has times', async () => {
    const { timeline, run, button, slider, label } = await mount('en', []);
    expect(button.disabled).to.equal(true);
    expect(slider.disabled).to.equal(true);
    expect(label.textContent?.trim()).to.equal('No results yet');
    run.finish([0, 60, 120]);
    await timeline.updateComplete;
    expect(button.disabled).to.equal(false);
    expect(slider.disabled).to.equal(false);
    expect(slider.max).to.equal('2');
    expect(label.textContent?.trim()).to.equal('0:00:00');
  });

  it('speaks Dutch inside lang="nl"', async () => {
    const { timeline, button, slider, status } = await mount('nl', [0, 900, 4500]);
    expect(button.textContent?.trim()).to.equal('Afspelen');
    expect(slider.getAttribute('aria-label')).to.equal('Tijdstip');
    expect(timeline.shadowRoot?.querySelector('[role=group]')?.getAttribute('aria-label')).to.equal(
      'Tijdlijn',
    );
    timeline.seek(4000); // nearest: 4500 s, 1 h 15 min
    await timeline.updateComplete;
    expect(slider.getAttribute('aria-valuetext')).to.equal('1 uur 15 minuten');
    timeline.seek(900);
    timeline.play();
    await timeline.updateComplete;
    expect(button.textContent?.trim()).to.equal('Pauzeren');
    timeline.pause();
    await timeline.updateComplete;
    expect(status.textContent).to.equal('Gepauzeerd op 15 minuten');
    const empty = await mount('nl', []);
    expect(empty.label.textContent?.trim()).to.equal('Nog geen resultaten');
  });

  it('finds a target added later by id, in a shadow root, or takes one set directly', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<dt-timeline for="later"></dt-timeline>';
    const timeline = shadow.querySelector('dt-timeline') as DtTimeline;
    await timeline.updateComplete;
    const run = document.createElement('test-time-run') as TestRun;
    run.id = 'later';
    run.times = [10, 20];
    shadow.append(run);
    await new Promise((resolve) => setTimeout(resolve));
    await timeline.updateComplete;
    timeline.seek(20);
    expect(run.time).to.equal(20);

    const direct = document.createElement('test-time-run') as TestRun;
    direct.times = [5, 6, 7];
    timeline.target = direct;
    await timeline.updateComplete;
    timeline.seek(7);
    expect(direct.time).to.equal(7);
    expect(run.time).to.equal(20);
  });

  it('has targets of at least 24 x 24 px and no axe-core violations', async () => {
    const { root, button, slider } = await mount('nl');
    for (const control of [button, slider]) {
      const box = control.getBoundingClientRect();
      expect(box.width, control.localName).to.be.at.least(24);
      expect(box.height, control.localName).to.be.at.least(24);
    }
    const { lines, result } = await axeViolations(root);
    expect(lines).to.deep.equal([]);
    expect(result.passes.map((p) => p.id)).to.include.members(['button-name', 'label']);
  });
});
