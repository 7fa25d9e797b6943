import type { DtView } from '../base/events.js';

/** Parses `"lon,lat"` into [lon, lat] degrees; undefined when it is not two finite numbers. */
export function parseCenter(text: string | null | undefined): [number, number] | undefined {
  if (!text) return undefined;
  const parts = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  const [lon, lat] = parts;
  if (parts.length !== 2 || lon === undefined || lat === undefined) return undefined;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) return undefined;
  return [lon, lat];
}

/** The first of several partial views that defines each field wins; `fallback` fills the rest. */
export function mergeViews(fallback: DtView, ...views: Partial<DtView>[]): DtView {
  const pick = <K extends keyof DtView>(key: K): DtView[K] =>
    views.find((v) => v[key] !== undefined && v[key] !== null)?.[key] ?? fallback[key];
  return {
    center: pick('center'),
    zoom: pick('zoom'),
    pitch: pick('pitch'),
    bearing: pick('bearing'),
  };
}

/** The view attributes shared by `<dt-map>` and its shorthand on `<dt-twin>`, as a partial view. */
export function viewFromAttributes(host: {
  center: string | null;
  zoom: number | null;
  pitch: number | null;
  bearing: number | null;
}): Partial<DtView> {
  const view: Partial<DtView> = {};
  const center = parseCenter(host.center);
  if (center) view.center = center;
  if (host.zoom !== null && Number.isFinite(host.zoom)) view.zoom = host.zoom;
  if (host.pitch !== null && Number.isFinite(host.pitch)) view.pitch = host.pitch;
  if (host.bearing !== null && Number.isFinite(host.bearing)) view.bearing = host.bearing;
  return view;
}
