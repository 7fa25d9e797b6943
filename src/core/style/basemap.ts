import type { StyleSpecification } from 'maplibre-gl';

/**
 * Fill colours of the offline basemap, per BGT layer (`bgt_laag`). Chosen to read as a map (water
 * blue, green green, roads grey, paving sand) and to stay distinct for colour-blind readers by
 * lightness as well as hue.
 */
export const BGT_COLORS = {
  waterdeel: '#6fa8dc',
  begroeidterreindeel: '#9cc98a',
  wegdeel: '#a9a6a1',
  onbegroeidterreindeel: '#e3d9c3',
  overbruggingsdeel: '#c9bfae',
  scheiding: '#6d6a66',
  kunstwerkdeel: '#8a857d',
} as const;

/** Background of the basemap where no land cover is mapped. */
export const BASEMAP_BACKGROUND = '#f2efe9';

/** Attribution of the shipped Delft data. */
export const DELFT_ATTRIBUTION = 'BGT / BAG: Kadaster (CC0) · AHN (CC0) · 3dfier, TU Delft';

/**
 * The offline basemap: BGT land cover of the shipped Delft area as coloured polygons, from a GeoJSON
 * URL on the page's own origin. It needs no glyphs, sprites or tiles, so it makes no other requests.
 */
export function offlineBasemapStyle(landcoverUrl: string): StyleSpecification {
  const match: unknown[] = ['match', ['get', 'bgt_laag']];
  for (const [layer, color] of Object.entries(BGT_COLORS)) match.push(layer, color);
  match.push(BASEMAP_BACKGROUND);
  return {
    version: 8,
    sources: {
      bgt: { type: 'geojson', data: landcoverUrl, attribution: DELFT_ATTRIBUTION },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_BACKGROUND } },
      {
        id: 'bgt-landcover',
        type: 'fill',
        source: 'bgt',
        paint: { 'fill-color': match as never, 'fill-antialias': false },
      },
      {
        id: 'bgt-outline',
        type: 'line',
        source: 'bgt',
        paint: { 'line-color': 'rgba(60, 60, 60, 0.25)', 'line-width': 0.5 },
      },
    ],
  };
}

/** An empty style: only a background. */
export function plainBasemapStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_BACKGROUND } },
    ],
  };
}

/** A raster basemap from an XYZ URL template (`https://.../{z}/{x}/{y}.png`). */
export function xyzBasemapStyle(template: string, attribution?: string): StyleSpecification {
  return {
    version: 8,
    sources: {
      basemap: {
        type: 'raster',
        tiles: [template],
        tileSize: 256,
        ...(attribution ? { attribution } : {}),
      },
    },
    layers: [{ id: 'basemap', type: 'raster', source: 'basemap' }],
  };
}

/**
 * The style for a `basemap` attribute: empty or `offline` gives the shipped BGT land cover, `none` a
 * plain background, a URL with `{z}` an XYZ raster, any other URL a MapLibre style document.
 */
export function basemapStyle(
  basemap: string | null | undefined,
  landcoverUrl: string,
): StyleSpecification | string {
  const value = basemap?.trim() ?? '';
  if (value === '' || value === 'offline') return offlineBasemapStyle(landcoverUrl);
  if (value === 'none') return plainBasemapStyle();
  if (value.includes('{z}')) return xyzBasemapStyle(value);
  return value;
}
