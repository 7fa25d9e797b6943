/**
 * Which twin layers are A's and which are B's, and what each map draws of them in each compare mode.
 */
import type { Layer } from '@deck.gl/core';
import type { DtLayerElement } from '../base/dt-layer-element.js';
import type { LayerDecorator } from '../map/dt-map.js';
import { clipLayers, SwipeClipExtension, type SwipeSplit } from './swipe-clip.js';

/** How `<dt-compare>` shows A and B. */
export type CompareMode = 'swipe' | 'side-by-side' | 'difference';

/** The compare modes, in the order the controls show them. */
export const COMPARE_MODES: readonly CompareMode[] = ['swipe', 'side-by-side', 'difference'];

/** Whether `value` is a compare mode. */
export function isCompareMode(value: unknown): value is CompareMode {
  return (COMPARE_MODES as readonly unknown[]).includes(value);
}

/** One side of a comparison. */
export type Side = 'a' | 'b';

/** How one side's layers are chosen. */
export interface SideRule {
  /** The source (scenario or data source) whose layers belong to the side. */
  source: string | null;
  /** Element ids of the side's layers: when given, they replace the `source` rule. */
  layerIds: string[];
}

/** Splits a list attribute (`"id1 id2"`, `"id1,id2"`) into ids. */
export function splitIds(text: string | null): string[] {
  return (text ?? '').split(/[\s,]+/).filter(Boolean);
}

/** Whether `layer` belongs to the side described by `rule`. */
export function onSide(layer: DtLayerElement, rule: SideRule): boolean {
  if (rule.layerIds.length > 0) return layer.id !== '' && rule.layerIds.includes(layer.id);
  return rule.source !== null && layer.source === rule.source;
}

/** What the decorators need to know about the comparison at the moment a map collects its layers. */
export interface SideState {
  /** The current mode. */
  mode: CompareMode;
  /** The side a twin layer belongs to, or undefined for a layer both sides share. */
  sideOf(layer: DtLayerElement): Side | undefined;
}

/**
 * The decorator of the twin's own map. Swipe: A's layers left of the divider, B's right of it, the
 * shared layers everywhere. Side by side: A's and the shared ones (B's are on the second map).
 * Difference: neither A's nor B's layers, only the difference layer and the shared ones.
 */
export function mainMapDecorator(state: SideState, split: SwipeSplit): LayerDecorator {
  const clips = {
    a: new SwipeClipExtension({ split, side: 'left' }),
    b: new SwipeClipExtension({ split, side: 'right' }),
  };
  return (element, layers): Layer[] => {
    const side = state.sideOf(element);
    if (!side) return layers;
    if (state.mode === 'swipe') return clipLayers(layers, clips[side]);
    if (state.mode === 'side-by-side') return side === 'a' ? layers : [];
    return [];
  };
}

/** The decorator of the second map (side by side): B's layers and the shared ones. */
export function secondMapDecorator(state: SideState): LayerDecorator {
  return (element, layers) => (state.sideOf(element) === 'a' ? [] : layers);
}
