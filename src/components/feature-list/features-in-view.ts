import type { Feature } from 'geojson';
import { intersects } from '../../core/geo/geojson.js';
import type { DtLayerElement } from '../base/dt-layer-element.js';
import type { TwinController } from '../base/twin-controller.js';

/** One feature in view: its layer, index in the source, and a name for lists. */
export interface FeatureInView {
  layer: DtLayerElement;
  index: number;
  feature: Feature;
  name: string;
}

const NAME_GUESSES = [
  'naam',
  'name',
  'title',
  'titel',
  'identificatie',
  'identificatiebagpnd',
  'id',
];

/** A name for a feature: the layer's `name-by` property, a likely name property, or its id. */
export function featureName(feature: Feature, nameBy: string | null, fallback: string): string {
  const props = feature.properties ?? {};
  const key = nameBy ?? NAME_GUESSES.find((k) => props[k] !== undefined && props[k] !== null);
  const value = key ? props[key] : feature.id;
  return value === undefined || value === null || value === '' ? fallback : String(value);
}

/**
 * The features of the twin's visible layers whose bounding box meets the view, topmost layer first.
 * Returns at most `limit` of them and the total count.
 */
export function featuresInView(
  twin: TwinController,
  limit: number,
  fallbackName: (index: number) => string,
): { items: FeatureInView[]; total: number } {
  const items: FeatureInView[] = [];
  let total = 0;
  const view = twin.viewBounds;
  if (!view) return { items, total };
  for (const layer of [...twin.layers].reverse()) {
    const source = layer.sourceElement;
    if (!layer.visible || !source?.data) continue;
    const nameBy = layer.getAttribute('name-by');
    source.data.features.forEach((feature, index) => {
      const box = source.featureBBoxes[index];
      if (!box || !intersects(box, view)) return;
      total++;
      if (items.length < limit) {
        items.push({
          layer,
          index,
          feature,
          name: featureName(feature, nameBy, fallbackName(index + 1)),
        });
      }
    });
  }
  return { items, total };
}
