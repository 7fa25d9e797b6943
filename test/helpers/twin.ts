import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { DtMap } from '../../src/components/map/dt-map.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';

/** The map of a twin: its `<dt-map>` child, or the one it made itself. */
export function mapOf(twin: DtTwin): DtMap {
  const map = twin.querySelector('dt-map') ?? twin.shadowRoot?.querySelector('dt-map');
  if (!map) throw new Error('the twin has no map');
  return map;
}

/** The size tests draw at: `style=${TWIN_SIZE}` on a `<dt-twin>`. */
export const TWIN_SIZE = 'display:block;width:1000px;--dt-twin-height:700px';

/** Mounts a twin (give it `style=${TWIN_SIZE}`) and waits for its first complete frame (`dt-ready`). */
export async function mountTwin(template: TemplateResult): Promise<{ twin: DtTwin; map: DtMap }> {
  const root = await fixture<HTMLElement>(template);
  const twin = root.matches('dt-twin') ? (root as DtTwin) : root.querySelector('dt-twin');
  if (!twin) throw new Error('the template has no <dt-twin>');
  await twin.updateComplete;
  const map = mapOf(twin);
  await map.ready;
  return { twin, map };
}

/** Waits for one event of `type` on `target`. */
export function nextEvent<T extends Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) =>
    target.addEventListener(type, (e) => resolve(e as T), { once: true }),
  );
}
