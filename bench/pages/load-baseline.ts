/**
 * Bench page: load-to-first-frame written by hand with maplibre-gl + deck.gl + loaders.gl, for the
 * cases of bench/load.mjs (`?case=campus|cityjson|laz`). Everything on the main thread, as a page
 * without the SDK would do it; loaders.gl with `worker: false` (its default fetches worker scripts from
 * a CDN, which fails offline). Finishes at the first deck.gl frame drawn after the data is set.
 */
import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { GeoJsonLayer, PointCloudLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { load } from '@loaders.gl/core';
import { JSONLoader } from '@loaders.gl/loader-utils';
import { LASLoader } from '@loaders.gl/las';
import * as maplibregl from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import proj4 from 'proj4';
import { CASES, type LoadCase } from './load-cases.js';

maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);
const style = document.createElement('style');
style.textContent = maplibreCss;
document.head.append(style);

const bench: Window['__loadBench'] = { done: false, ready: 0, error: '' };
window.__loadBench = bench;
const name = new URLSearchParams(location.search).get('case') ?? 'campus';
const spec = CASES[name] as LoadCase;
const RD =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 ' +
  '+y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 ' +
  '+units=m +no_defs';
const toLonLat = proj4(RD, 'EPSG:4326');

type Ring = number[][];
/** The parts of a CityJSON document this page reads. */
interface CityObject {
  type: string;
  geometry?: { type: string; lod: string; boundaries: unknown }[];
}
interface CityDoc {
  vertices: number[][];
  CityObjects: Record<string, CityObject>;
}

/** CityJSON (1.x / 2.0 / text sequence) to one 3D polygon per surface of the highest LoD. */
function cityJsonPolygons(text: string): { polygon: Ring[]; id: string }[] {
  const lines = text.trim().startsWith('{"type":"CityJSON"') ? text.trim().split('\n') : [text];
  const head = JSON.parse(lines[0] as string);
  const [sx, sy, sz] = head.transform?.scale ?? [1, 1, 1];
  const [tx, ty, tz] = head.transform?.translate ?? [0, 0, 0];
  const out: { polygon: Ring[]; id: string }[] = [];
  const docs: CityDoc[] = lines.length > 1 ? lines.slice(1).map((l) => JSON.parse(l)) : [head];
  for (const doc of docs) {
    const vertices: number[][] = doc.vertices.map(([x, y, z]: number[]) => {
      const [lon, lat] = toLonLat.forward([x * sx + tx, y * sy + ty]);
      return [lon, lat, z * sz + tz];
    });
    for (const [id, object] of Object.entries(doc.CityObjects)) {
      if (!/^Building/.test(object.type) || !object.geometry?.length) continue;
      const geometry = object.geometry.reduce((a, b) => (+b.lod > +a.lod ? b : a));
      const boundaries = geometry.boundaries as number[][][][];
      const shells: number[][][][] =
        geometry.type === 'Solid'
          ? boundaries
          : geometry.type === 'MultiSolid' || geometry.type === 'CompositeSolid'
            ? (boundaries as unknown as number[][][][][]).flat()
            : [boundaries as unknown as number[][][]];
      for (const shell of shells)
        for (const surface of shell)
          out.push({ id, polygon: surface.map((ring: number[]) => ring.map((i) => vertices[i])) });
    }
  }
  return out;
}

async function layersFor(c: LoadCase): Promise<unknown[]> {
  if (c.kind === 'geojson') {
    const data = await load(c.files[0] as string, JSONLoader, { worker: false });
    return [
      new GeoJsonLayer({
        id: 'b',
        data: data as never,
        extruded: true,
        filled: true,
        stroked: false,
        getElevation: 10,
        getFillColor: [0, 114, 178, 255],
        pickable: true,
      }),
    ];
  }
  if (c.kind === 'cityjson') {
    const text = await (await fetch(c.files[0] as string)).text();
    return [
      new SolidPolygonLayer({
        id: 'c',
        data: cityJsonPolygons(text),
        _full3d: true,
        getPolygon: (d: { polygon: Ring[] }) => d.polygon as never,
        getFillColor: [0, 114, 178, 255],
        pickable: true,
      }),
    ];
  }
  const clouds = await Promise.all(
    c.files.map((url) => load(url, LASLoader, { worker: false, las: { shape: 'mesh' } } as never)),
  );
  return clouds.map((cloud, i) => {
    const mesh = cloud as unknown as { attributes: { POSITION: { value: Float32Array } } };
    const positions = mesh.attributes.POSITION.value;
    const origin = toLonLat.forward([85000, 447500]);
    // Hand-written: points as metre offsets from one origin (the cheap way; no grid rotation).
    const offsets = new Float32Array(positions.length);
    for (let k = 0; k < positions.length; k += 3) {
      offsets[k] = (positions[k] as number) - 85000;
      offsets[k + 1] = (positions[k + 1] as number) - 447500;
      offsets[k + 2] = positions[k + 2] as number;
    }
    return new PointCloudLayer({
      id: `p${i}`,
      data: {
        length: positions.length / 3,
        attributes: { getPosition: { value: offsets, size: 3 } },
      },
      coordinateSystem: COORDINATE_SYSTEM.METER_OFFSETS,
      coordinateOrigin: [origin[0], origin[1], 0],
      getColor: [0, 114, 178, 255],
      pointSize: 2,
    });
  });
}

try {
  const map = new maplibregl.Map({
    container: document.getElementById('map') as HTMLDivElement,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f2efe9' } }],
    },
    center: spec.center,
    zoom: spec.zoom,
    pitch: spec.pitch,
    canvasContextAttributes: { antialias: true },
  });
  const [layers] = await Promise.all([
    layersFor(spec),
    new Promise((resolve) => map.once('load', resolve)),
  ]);
  const overlay: MapLibreOverlay = new MapLibreOverlay({
    interleaved: true,
    layers: layers as never,
    onAfterRender: () => {
      if (bench.done) return;
      if ((layers as { isLoaded: boolean }[]).every((l) => l.isLoaded)) {
        bench.ready = performance.now();
        bench.done = true;
      }
    },
  } as never);
  map.addControl(overlay as never);
} catch (error) {
  bench.error = String(error);
}

declare global {
  interface Window {
    __loadBench: { done: boolean; ready: number; error: string };
  }
}
