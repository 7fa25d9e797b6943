import type { Feature } from 'geojson';
import type { DtSourceError } from '../../core/errors.js';

/** What a user chose in `<dt-search>`: a feature of the twin, or a place from the geocoder. */
export type DtSearchChoice =
  | {
      /** A feature of one of the twin's sources. */
      kind: 'feature';
      /** The `id` of its source. */
      sourceId: string;
      /** Its index in the source's `data.features`. */
      index: number;
      /** The feature itself. */
      feature: Feature;
      /** The name shown for it. */
      label: string;
    }
  | {
      /** A place found by the PDOK Locatieserver (`geocoder="pdok"`). */
      kind: 'place';
      /** The Locatieserver id (`adr-...`). */
      id: string;
      /** Its display name (`weergavenaam`). */
      label: string;
      /** Its centroid, WGS 84 [longitude, latitude] in degrees. */
      lonLat: [number, number];
      /** Its centroid in RD New [x, y] metres (EPSG:28992), when the service gave it. */
      rd: [number, number] | undefined;
    };

/** Detail of `dt-search-select`: what was chosen (the view moves to it). */
export interface DtSearchSelectDetail {
  /** The chosen result. */
  choice: DtSearchChoice;
}

/** Detail of `dt-search-error`: the geocoder failed; the local results still work. */
export interface DtSearchErrorDetail {
  /** Which request failed: `suggest` (while typing) or `lookup` (a chosen address). */
  request: 'suggest' | 'lookup';
  /** What went wrong: code `http`, `network` or `parse`, with the URL and the reason. */
  error: DtSourceError;
}

declare module '../base/events.js' {
  interface DtEventDetails {
    /** A search result was chosen. */
    'dt-search-select': DtSearchSelectDetail;
    /** The online geocoder failed. */
    'dt-search-error': DtSearchErrorDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-search-select': CustomEvent<DtSearchSelectDetail>;
    'dt-search-error': CustomEvent<DtSearchErrorDetail>;
  }
}

/** A `dt-search-select` or `dt-search-error` event: bubbles out of shadow roots, typed by name. */
export function dtSearchEvent<K extends 'dt-search-select' | 'dt-search-error'>(
  type: K,
  detail: K extends 'dt-search-select' ? DtSearchSelectDetail : DtSearchErrorDetail,
): CustomEvent<typeof detail> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
