/**
 * The current measurements of each twin, shared by the measuring tool (which writes them) and the
 * exports (the image and the report list them). Held per twin controller, so two twins on a page
 * keep their own.
 */
import type { TwinController } from '../base/twin-controller.js';
import type { Measurement } from './measure-geometry.js';

const measurements = new WeakMap<TwinController, readonly Measurement[]>();

/** The twin's current measurements, oldest first. */
export function twinMeasurements(twin: TwinController | undefined): readonly Measurement[] {
  return (twin && measurements.get(twin)) ?? [];
}

/** Replaces the twin's measurements. */
export function setTwinMeasurements(twin: TwinController, list: readonly Measurement[]): void {
  measurements.set(twin, [...list]);
}
