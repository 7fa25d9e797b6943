/**
 * A plan as GeoJSON, and where it is kept: reading a FeatureCollection of edits (each feature
 * checked with `editProblem`, numbered from 1 for the report), writing one, and keeping a plan in
 * `localStorage` under `tweeling:plan:<name>`. A stored plan that cannot be read is never dropped:
 * its text is copied to a backup key first, and the caller reports it.
 */
import type { FeatureCollection } from 'geojson';
import { editProblem, type GreeneryEdit } from '../../core/sim/greenery-edits.js';
import { editFeature, newEditId } from './plan-geometry.js';

/** The prefix of the storage keys of plans. */
export const PLAN_KEY_PREFIX = 'tweeling:plan:';

/** The storage key of the plan called `name`. */
export function planKey(name: string): string {
  return `${PLAN_KEY_PREFIX}${name}`;
}

/** One feature that was left out, and why. */
export interface FeatureProblem {
  /** Its 1-based number in the file. */
  n: number;
  /** Why (from `editProblem`). */
  reason: string;
}

/** GeoJSON text read as a plan. */
export type ReadPlan =
  | {
      /** The valid edits, normalised (only `action`, `label`, `crownRadiusM`, `id`). */
      edits: GreeneryEdit[];
      /** The features left out. */
      problems: FeatureProblem[];
    }
  | {
      /** `json`: not JSON; `collection`: JSON but not a FeatureCollection or Feature. */
      error: 'json' | 'collection';
    };

/** An edit with only its own properties, and an id (its own, or a new one). */
function normalise(feature: GreeneryEdit): GreeneryEdit {
  const { action, label, crownRadiusM } = feature.properties;
  const given = feature.properties.id ?? feature.id;
  const id = typeof given === 'string' || typeof given === 'number' ? String(given) : newEditId();
  return editFeature(id, action, feature.geometry, {
    label: typeof label === 'string' ? label : undefined,
    crownRadiusM,
  });
}

/** Reads GeoJSON text (a FeatureCollection, or one Feature) as a plan. */
export function readPlan(text: string): ReadPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'json' };
  }
  const object = json as { type?: unknown; features?: unknown } | null;
  let features: unknown[];
  if (object?.type === 'FeatureCollection' && Array.isArray(object.features))
    features = object.features;
  else if (object?.type === 'Feature') features = [object];
  else return { error: 'collection' };
  const edits: GreeneryEdit[] = [];
  const problems: FeatureProblem[] = [];
  features.forEach((feature, i) => {
    const reason = editProblem(feature);
    if (reason) problems.push({ n: i + 1, reason });
    else edits.push(normalise(feature as GreeneryEdit));
  });
  return { edits, problems };
}

/** The plan as a GeoJSON FeatureCollection (WGS 84), named. */
export function planCollection(
  name: string,
  edits: readonly GreeneryEdit[],
): FeatureCollection & { name: string } {
  return { type: 'FeatureCollection', name, features: [...edits] };
}

/** What was found in storage for a plan. */
export interface StoredPlan {
  /** The edits (none when nothing was stored; the readable ones of a damaged plan). */
  edits: GreeneryEdit[];
  /** Set when the stored text could not be read (wholly or in part): it was backed up. */
  damaged?: {
    /** What was wrong, in English (a JSON error, or the first feature left out). */
    reason: string;
    /** The key the stored text was copied to. */
    backupKey: string;
  };
}

/** The first free backup key of `key`: `<key>:backup`, then `<key>:backup-2`, ... */
function backupKeyOf(storage: Storage, key: string): string {
  let candidate = `${key}:backup`;
  for (let n = 2; storage.getItem(candidate) !== null; n++) candidate = `${key}:backup-${n}`;
  return candidate;
}

/**
 * Loads the plan `name` from `storage`. Damaged text is copied to a free backup key (never over an
 * older backup) and the readable edits are returned; the caller reports it and saves the plan again.
 * @throws DOMException when the storage refuses (blocked, or full while backing up).
 */
export function loadPlan(storage: Storage, name: string): StoredPlan {
  const key = planKey(name);
  const text = storage.getItem(key);
  if (text === null) return { edits: [] };
  const read = readPlan(text);
  if (!('error' in read) && read.problems.length === 0) return { edits: read.edits };
  const reason =
    'error' in read
      ? read.error === 'json'
        ? 'not valid JSON'
        : 'not a GeoJSON FeatureCollection'
      : read.problems.map((p) => `feature ${p.n}: ${p.reason}`).join('; ');
  const backupKey = backupKeyOf(storage, key);
  storage.setItem(backupKey, text);
  return { edits: 'error' in read ? [] : read.edits, damaged: { reason, backupKey } };
}

/**
 * Saves the plan `name` to `storage` as a FeatureCollection.
 * @throws DOMException when the storage refuses (blocked, or full).
 */
export function savePlan(storage: Storage, name: string, edits: readonly GreeneryEdit[]): void {
  storage.setItem(planKey(name), JSON.stringify(planCollection(name, edits)));
}
