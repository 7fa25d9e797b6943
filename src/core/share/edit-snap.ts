/**
 * Greenery edits on a fixed coordinate grid of 1e-7 degrees (about 1.1 cm north-south and 0.7 cm
 * east-west in the Netherlands, a fiftieth of the finest AHN cell). A scenario runs with snapped
 * edits, so the integers a permalink carries give back exactly the edits the run used, and the same
 * run hash. Coordinates written with 7 decimals or fewer (the BGT, typed coordinates) are left as
 * they are; only the extra digits of a point drawn on the map are rounded away.
 */
import type { Position } from 'geojson';
import type { GreeneryEdit } from '../sim/greenery-edits.js';

/** The coordinate step of snapped edits, degrees. */
export const EDIT_STEP_DEG = 1e-7;
/** Steps per degree. */
export const EDIT_STEPS_PER_DEG = 1e7;

/** A coordinate in whole steps of {@link EDIT_STEP_DEG}. */
export function toSteps(degrees: number): number {
  return Math.round(degrees * EDIT_STEPS_PER_DEG);
}

/** Whole steps back to degrees (the double nearest to the decimal `steps / 1e7`). */
export function fromSteps(steps: number): number {
  return steps / EDIT_STEPS_PER_DEG;
}

/** A position on the grid, 2D (a height is dropped: edits are flat). */
export function snapPosition(position: Position): [number, number] {
  return [fromSteps(toSteps(position[0] ?? NaN)), fromSteps(toSteps(position[1] ?? NaN))];
}

/** The edit with every coordinate on the 1e-7 degree grid; properties and id unchanged. */
export function snapEdit(edit: GreeneryEdit): GreeneryEdit {
  const g = edit.geometry;
  const ring = (positions: Position[]) => positions.map(snapPosition);
  let geometry: GreeneryEdit['geometry'];
  switch (g.type) {
    case 'Point':
      geometry = { type: 'Point', coordinates: snapPosition(g.coordinates) };
      break;
    case 'MultiPoint':
      geometry = { type: 'MultiPoint', coordinates: ring(g.coordinates) };
      break;
    case 'Polygon':
      geometry = { type: 'Polygon', coordinates: g.coordinates.map(ring) };
      break;
    case 'MultiPolygon':
      geometry = { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
      break;
  }
  return { ...edit, geometry };
}

/** What of an edit changes a run: action, crown radius and geometry (not its id or label). */
export function editForHash(edit: GreeneryEdit): Record<string, unknown> {
  return {
    action: edit.properties.action,
    crownRadiusM: edit.properties.crownRadiusM,
    geometry: edit.geometry,
  };
}
