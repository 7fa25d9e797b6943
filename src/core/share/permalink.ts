/**
 * Permalinks: a twin's {@link ShareState} in the URL fragment, `#dt=<payload>`. The payload is a
 * compact JSON (view as integers, layer visibility as a string of 0 and 1, changed scenario
 * attributes, edits as delta-encoded integer coordinates), deflated (`deflate-raw`) and written in
 * base64url. Five greenery edits take a few hundred characters. It holds no URLs of sources and no
 * secrets. {@link decodePermalink} checks every part and throws a {@link DtShareError} naming the
 * part that is wrong; nothing is applied from a payload that fails.
 *
 * ```
 * { "v": 1,
 *   "w": [lon, lat, zoom, pitch, bearing],   // 1e-7 degrees, 1/1000 zoom, 1/100 degree
 *   "l": "1101",                              // layer visibility in layer order
 *   "s": { "hitte": { "t-ref": "31" } },      // scenario attributes that differ from the markup
 *   "e": [[action, geometry type, coordinates, crown radius?, label?], ...],
 *   "c": [mode, position] }                   // <dt-compare>
 * ```
 * Edit coordinates are integers of 1e-7 degrees, each the difference to the previous position
 * (across all edits; the first to 0,0). Geometry types: 0 Point `[dx, dy]`, 1 MultiPoint
 * `[dx, dy, dx, dy, ...]`, 2 Polygon `[[ring], ...]`, 3 MultiPolygon `[[[ring], ...], ...]`.
 */
import type { Position } from 'geojson';
import {
  EDIT_ACTIONS,
  editProblem,
  type EditAction,
  type GreeneryEdit,
} from '../sim/greenery-edits.js';
import type { MapView } from './camera.js';
import { fromSteps, toSteps } from './edit-snap.js';
import { DtShareError } from './share-error.js';
import { ATTRIBUTE_NAME, type CompareState, type ShareState } from './share-state.js';

/** The fragment parameter that holds the payload: `#dt=...`. */
export const PERMALINK_PARAM = 'dt';
/** The payload format version. */
const FORMAT = 1;
/** The most bytes a payload may inflate to (a guard against deflate bombs). */
const MAX_INFLATED_BYTES = 256 * 1024;
const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'Polygon', 'MultiPolygon'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const fail = (reason: string, path = ''): never => {
  throw new DtShareError('permalink', 'invalid-permalink', reason, { path });
};

// ---- writing ----

/** Positions as delta-encoded integer steps, continuing from `last` (updated in place). */
function deltas(positions: Position[], last: [number, number]): number[] {
  const out: number[] = [];
  for (const position of positions) {
    const x = toSteps(position[0] ?? NaN);
    const y = toSteps(position[1] ?? NaN);
    out.push(x - last[0], y - last[1]);
    last[0] = x;
    last[1] = y;
  }
  return out;
}

function encodeEdit(edit: GreeneryEdit, last: [number, number]): Json[] {
  const g = edit.geometry;
  const coordinates: Json =
    g.type === 'Point'
      ? deltas([g.coordinates], last)
      : g.type === 'MultiPoint'
        ? deltas(g.coordinates, last)
        : g.type === 'Polygon'
          ? g.coordinates.map((ring) => deltas(ring, last))
          : g.coordinates.map((polygon) => polygon.map((ring) => deltas(ring, last)));
  const out: Json[] = [
    EDIT_ACTIONS.indexOf(edit.properties.action),
    GEOMETRY_TYPES.indexOf(g.type),
    coordinates,
  ];
  const { crownRadiusM, label } = edit.properties;
  if (crownRadiusM !== undefined || label) out.push(crownRadiusM ?? null);
  if (label) out.push(label);
  return out;
}

/** The state as the compact JSON of a payload (before deflating). */
export function permalinkJson(state: ShareState): string {
  const payload: Record<string, Json> = { v: FORMAT };
  const view = state.view;
  if (view) {
    payload['w'] = [
      toSteps(view.center[0]),
      toSteps(view.center[1]),
      Math.round(view.zoom * 1000),
      Math.round(view.pitch * 100),
      Math.round(view.bearing * 100),
    ];
  }
  if (state.layers) payload['l'] = state.layers.map((visible) => (visible ? '1' : '0')).join('');
  if (state.scenarios && Object.keys(state.scenarios).length > 0) payload['s'] = state.scenarios;
  if (state.edits) {
    const last: [number, number] = [0, 0];
    payload['e'] = state.edits.map((edit) => encodeEdit(edit, last));
  }
  if (state.compare) payload['c'] = [state.compare.mode, state.compare.position];
  return JSON.stringify(payload);
}

async function streamBytes(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      fail(`the payload inflates to more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) fail('the payload is not base64url text');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch (cause) {
    throw new DtShareError('permalink', 'invalid-permalink', 'the payload is not base64url text', {
      cause,
    });
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The state as a permalink payload: compact JSON, deflated, base64url. */
export async function encodePermalink(state: ShareState): Promise<string> {
  const json = new TextEncoder().encode(permalinkJson(state));
  const deflated = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(await streamBytes(deflated, Number.POSITIVE_INFINITY));
}

// ---- reading ----

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function integer(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail('must be an integer', path);
  return value as number;
}

function readView(value: unknown): MapView {
  if (!Array.isArray(value) || value.length !== 5)
    fail('must be [lon, lat, zoom, pitch, bearing]', '/w');
  const [lon, lat, zoom, pitch, bearing] = (value as unknown[]).map((v, i) =>
    integer(v, `/w/${i}`),
  ) as [number, number, number, number, number];
  const view: MapView = {
    center: [fromSteps(lon), fromSteps(lat)],
    zoom: zoom / 1000,
    pitch: pitch / 100,
    bearing: bearing / 100,
  };
  if (Math.abs(view.center[0]) > 180) fail('longitude must be within [-180, 180]', '/w/0');
  if (Math.abs(view.center[1]) > 85.06) fail('latitude must be within [-85.06, 85.06]', '/w/1');
  if (view.zoom < 0 || view.zoom > 24) fail('zoom must be within [0, 24]', '/w/2');
  if (view.pitch < 0 || view.pitch > 85) fail('pitch must be within [0, 85]', '/w/3');
  if (Math.abs(view.bearing) > 360) fail('bearing must be within [-360, 360]', '/w/4');
  return view;
}

function readScenarios(value: unknown): Record<string, Record<string, string | null>> {
  if (!isRecord(value)) fail('must be an object of scenario ids', '/s');
  const out: Record<string, Record<string, string | null>> = {};
  for (const [id, attributes] of Object.entries(value as Record<string, unknown>)) {
    const path = `/s/${id}`;
    if (!isRecord(attributes)) fail('must be an object of attributes', path);
    const changes: Record<string, string | null> = {};
    for (const [name, attribute] of Object.entries(attributes as Record<string, unknown>)) {
      if (!ATTRIBUTE_NAME.test(name) || name === 'id')
        fail(`"${name}" is not an attribute a permalink may set`, `${path}/${name}`);
      if (attribute !== null && typeof attribute !== 'string')
        fail('must be a string or null', `${path}/${name}`);
      changes[name] = attribute as string | null;
    }
    out[id] = changes;
  }
  return out;
}

/** Reads `count` positions of delta steps from a flat array, continuing from `last`. */
function positionsOf(value: unknown, path: string, last: [number, number]): Position[] {
  if (!Array.isArray(value) || value.length % 2 !== 0 || value.length === 0)
    fail('must be a non-empty flat list of x, y steps', path);
  const positions: Position[] = [];
  const list = value as unknown[];
  for (let i = 0; i < list.length; i += 2) {
    last[0] += integer(list[i], `${path}/${i}`);
    last[1] += integer(list[i + 1], `${path}/${i + 1}`);
    positions.push([fromSteps(last[0]), fromSteps(last[1])]);
  }
  return positions;
}

function listOf(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) fail('must be a non-empty list', path);
  return value as unknown[];
}

function readEdit(value: unknown, index: number, last: [number, number]): GreeneryEdit {
  const path = `/e/${index}`;
  if (!Array.isArray(value) || value.length < 3 || value.length > 5)
    fail('must be [action, geometry type, coordinates, crown radius?, label?]', path);
  const [actionCode, typeCode, coordinates, radius, label] = value as unknown[];
  const action = EDIT_ACTIONS[integer(actionCode, `${path}/0`)];
  if (!action) fail(`unknown action code ${String(actionCode)}`, `${path}/0`);
  const type = GEOMETRY_TYPES[integer(typeCode, `${path}/1`)];
  if (!type) fail(`unknown geometry type code ${String(typeCode)}`, `${path}/1`);
  const at = `${path}/2`;
  let geometry: GreeneryEdit['geometry'];
  if (type === 'Point') {
    const [point] = positionsOf(coordinates, at, last);
    if (!point || (coordinates as unknown[]).length !== 2) fail('a point is one x, y pair', at);
    geometry = { type, coordinates: point as Position };
  } else if (type === 'MultiPoint') {
    geometry = { type, coordinates: positionsOf(coordinates, at, last) };
  } else if (type === 'Polygon') {
    geometry = {
      type,
      coordinates: listOf(coordinates, at).map((ring, r) => positionsOf(ring, `${at}/${r}`, last)),
    };
  } else {
    geometry = {
      type,
      coordinates: listOf(coordinates, at).map((polygon, p) =>
        listOf(polygon, `${at}/${p}`).map((ring, r) => positionsOf(ring, `${at}/${p}/${r}`, last)),
      ),
    };
  }
  if (radius !== undefined && radius !== null && typeof radius !== 'number')
    fail('the crown radius must be a number', `${path}/3`);
  if (label !== undefined && typeof label !== 'string') fail('the label must be text', `${path}/4`);
  const id = `link-${index + 1}`;
  const edit: GreeneryEdit = {
    type: 'Feature',
    id,
    geometry,
    properties: { action: action as EditAction, id },
  };
  if (typeof radius === 'number') edit.properties.crownRadiusM = radius;
  if (typeof label === 'string' && label) edit.properties.label = label;
  const problem = editProblem(edit);
  if (problem) fail(problem, path);
  return edit;
}

function readCompare(value: unknown): CompareState {
  if (!Array.isArray(value) || value.length !== 2) fail('must be [mode, position]', '/c');
  const [mode, position] = value as unknown[];
  if (mode !== null && (typeof mode !== 'string' || !/^[a-z][a-z0-9-]*$/.test(mode)))
    fail('the mode must be a lower-case word or null', '/c/0');
  if (position !== null && (typeof position !== 'number' || !Number.isFinite(position)))
    fail('the position must be a number or null', '/c/1');
  return { mode: mode as string | null, position: position as number | null };
}

/** Reads the compact JSON of a payload (after inflating). */
export function readPermalinkJson(text: string): ShareState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DtShareError('permalink', 'invalid-permalink', 'the payload is not JSON', { cause });
  }
  if (!isRecord(json)) return fail('the payload is not a JSON object');
  if (json['v'] !== FORMAT)
    fail(`unknown format version ${JSON.stringify(json['v'])} (this SDK reads ${FORMAT})`, '/v');
  const known = new Set(['v', 'w', 'l', 's', 'e', 'c']);
  const unknown = Object.keys(json).find((key) => !known.has(key));
  if (unknown) fail(`unknown member "${unknown}"`, `/${unknown}`);
  const state: ShareState = {};
  if ('w' in json) state.view = readView(json['w']);
  if ('l' in json) {
    const layers = json['l'];
    if (typeof layers !== 'string' || !/^[01]*$/.test(layers))
      fail('must be a string of 0 and 1', '/l');
    state.layers = [...(layers as string)].map((c) => c === '1');
  }
  if ('s' in json) state.scenarios = readScenarios(json['s']);
  if ('e' in json) {
    const edits = json['e'];
    if (!Array.isArray(edits)) fail('must be a list of edits', '/e');
    const last: [number, number] = [0, 0];
    state.edits = (edits as unknown[]).map((edit, i) => readEdit(edit, i, last));
  }
  if ('c' in json) state.compare = readCompare(json['c']);
  return state;
}

/**
 * Reads a permalink payload.
 * @throws DtShareError (origin `permalink`, code `invalid-permalink`) naming what is wrong.
 */
export async function decodePermalink(payload: string): Promise<ShareState> {
  const bytes = fromBase64Url(payload);
  let inflated: Uint8Array;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    inflated = await streamBytes(stream, MAX_INFLATED_BYTES);
  } catch (cause) {
    if (cause instanceof DtShareError) throw cause;
    throw new DtShareError('permalink', 'invalid-permalink', 'the payload is not deflated data', {
      cause,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (cause) {
    throw new DtShareError('permalink', 'invalid-permalink', 'the payload is not UTF-8 text', {
      cause,
    });
  }
  return readPermalinkJson(text);
}

/** The permalink payload in a URL fragment (`#dt=...`, also among other `&`-separated parameters), or undefined. */
export function permalinkPayload(hash: string): string | undefined {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of text.split('&')) {
    const [name, ...rest] = part.split('=');
    if (name === PERMALINK_PARAM) return rest.join('=');
  }
  return undefined;
}

/** The fragment with `dt=<payload>` set (other parameters kept), starting with `#`. */
export function withPermalinkPayload(hash: string, payload: string): string {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const others = text
    .split('&')
    .filter((part) => part !== '' && part.split('=')[0] !== PERMALINK_PARAM);
  return `#${[...others, `${PERMALINK_PARAM}=${payload}`].join('&')}`;
}
