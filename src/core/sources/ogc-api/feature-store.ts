/**
 * The features an OGC API source has received across views and pages, each kept once by its `id`
 * (a building on two pages or in two views is one feature). DOM-free.
 */
import type { Feature } from 'geojson';

/** The key of a feature: its `id`, else its content (a feature without id is kept once per content). */
export function featureKey(feature: Feature): string {
  const id = feature.id;
  if (typeof id === 'string' || typeof id === 'number') return `id:${id}`;
  return `content:${JSON.stringify([feature.properties, feature.geometry])}`;
}

/** Features by key, in the order they first arrived (so indices of earlier features stay put). */
export class FeatureStore {
  readonly #features = new Map<string, Feature>();

  /** Adds features not seen before (a later copy of a known id is dropped); returns how many were new. */
  add(features: readonly Feature[]): number {
    let added = 0;
    for (const f of features) {
      const key = featureKey(f);
      if (this.#features.has(key)) continue;
      this.#features.set(key, f);
      added++;
    }
    return added;
  }

  /** Every feature, in arrival order. */
  get features(): Feature[] {
    return [...this.#features.values()];
  }

  /** How many features are kept. */
  get size(): number {
    return this.#features.size;
  }
}
