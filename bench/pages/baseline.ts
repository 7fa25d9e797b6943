/**
 * Bench page: the same twin written by hand with plain maplibre-gl + deck.gl, timed the same way:
 * from just before creating the map to the first `idle` after the map loaded and the layer was set.
 * Same style, same view, same canvas size, same GeoJsonLayer props and lighting as the SDK draws.
 */
import { AmbientLight, DirectionalLight, LightingEffect } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Feature, FeatureCollection } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { fail, finish, mark, startReport } from './protocol.js';

maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);
const style = document.createElement('style');
style.textContent = maplibreCss;
document.head.append(style);

const DATA = new URL('./data/delft/', import.meta.url);
const VIEW = { center: [4.3658, 52.0122] as [number, number], zoom: 16.6, pitch: 55, bearing: -20 };
const BGT_COLORS: Record<string, string> = {
  waterdeel: '#6fa8dc',
  begroeidterreindeel: '#9cc98a',
  wegdeel: '#a9a6a1',
  onbegroeidterreindeel: '#e3d9c3',
  overbruggingsdeel: '#c9bfae',
  scheiding: '#6d6a66',
  kunstwerkdeel: '#8a857d',
};
const VIRIDIS = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#b5de2b',
  '#fde725',
].map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)).concat(255));

function viridis(t: number): number[] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const a = VIRIDIS[i] as number[];
  const b = VIRIDIS[i + 1] as number[];
  return a.map((v, k) => Math.round(v + ((b[k] as number) - v) * (x - i)));
}

const num = (f: Feature, key: string) => Number(f.properties?.[key] ?? 0);

const report = startReport();
const buildings = fetch(new URL('buildings.geojson', DATA)).then(
  (r) => r.json() as Promise<FeatureCollection>,
);
const container = document.getElementById('map') as HTMLDivElement;
const map = new maplibregl.Map({
  container,
  style: {
    version: 8,
    sources: { bgt: { type: 'geojson', data: new URL('bgt-landcover.geojson', DATA).href } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } },
      {
        id: 'bgt-landcover',
        type: 'fill',
        source: 'bgt',
        paint: {
          'fill-color': [
            'match',
            ['get', 'bgt_laag'],
            ...Object.entries(BGT_COLORS).flat(),
            '#f2efe9',
          ] as never,
          'fill-antialias': false,
        },
      },
      {
        id: 'bgt-outline',
        type: 'line',
        source: 'bgt',
        paint: { 'line-color': 'rgba(60, 60, 60, 0.25)', 'line-width': 0.5 },
      },
    ],
  },
  ...VIEW,
  maxPitch: 85,
  canvasContextAttributes: { antialias: true, preserveDrawingBuffer: false },
});
mark(report, 'mapCreated');
map.on('idle', () => {
  if (report.done) return;
  report.idles++;
  mark(report, 'firstIdle');
});
map.on('render', () => {
  if (!report.done) report.renders++;
});

void (async () => {
  try {
    await Promise.all([
      new Promise((resolve) => map.once('load', resolve)).then(() => mark(report, 'load')),
      buildings.then(() => mark(report, 'sourceLoad')),
    ]);
    const data = await buildings;
    const tops = data.features.map((f) => num(f, 'ahn3_h_dak_70p'));
    const min = Math.min(...tops);
    const span = Math.max(...tops) - min || 1;
    const overlay = new MapLibreOverlay({
      interleaved: true,
      effects: [
        new LightingEffect({
          ambient: new AmbientLight({ color: [255, 255, 255], intensity: 1 }),
          sun: new DirectionalLight({
            color: [255, 255, 255],
            intensity: 1,
            direction: [-0.36, 0.48, -0.8],
          }),
        }),
      ],
      layers: [
        new GeoJsonLayer<Record<string, unknown>>({
          id: 'buildings',
          data,
          pickable: true,
          autoHighlight: false,
          highlightColor: [255, 255, 255, 160],
          filled: true,
          stroked: false,
          extruded: true,
          wireframe: false,
          pointType: 'circle',
          getFillColor: (f: Feature) =>
            viridis((num(f, 'ahn3_h_dak_70p') - min) / span) as [number, number, number, number],
          getLineColor: [40, 40, 40, 200],
          getElevation: (f: Feature) =>
            Math.max(0, num(f, 'ahn3_h_dak_70p') - num(f, 'ahn3_h_maaiveld')),
          getPointRadius: 5,
          pointRadiusUnits: 'pixels',
          getLineWidth: 1,
          lineWidthUnits: 'pixels',
          material: { ambient: 0.4, diffuse: 0.75, shininess: 1, specularColor: [0, 0, 0] },
        }),
      ],
    });
    map.addControl(overlay);
    mark(report, 'layersSet');
    await new Promise((resolve) => {
      map.once('idle', resolve);
      map.triggerRepaint();
    });
    finish(report, map.getCanvas());
  } catch (error) {
    fail(report, String(error));
  }
})();
