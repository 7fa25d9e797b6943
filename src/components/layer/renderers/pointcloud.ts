import { COORDINATE_SYSTEM, type Layer, type PickingInfo } from '@deck.gl/core';
import { PointCloudLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import type { MessageKey } from '../../../core/i18n/messages.js';
import {
  LAS_CLASS_COLORS,
  OTHER_CLASS_COLOR,
} from '../../../core/sources/pointcloud/point-cloud.js';
import { buildColorScale, type ColorScale, type Legend } from '../../../core/style/color-scale.js';
import { toHex, type RGBA } from '../../../core/style/color.js';
import { isRampName } from '../../../core/style/ramps.js';
import { cssColorToRgba } from '../../base/css-color.js';
import { isPointCloudPayload, type PointCloudPayload } from '../../data-source/kinds/pointcloud.js';
import { ROOF_TRUE_MATERIAL } from '../../map/lighting.js';
import type { DtLayer } from '../dt-layer.js';
import type { LayerRenderer } from '../layer-renderers.js';

/** What a point-cloud layer colours by: `classification` (default), `height`, or one fixed `color`. */
type PointColoring =
  | { mode: 'classification' }
  | { mode: 'height'; scale: ColorScale; domain: [number, number] }
  | { mode: 'fixed'; color: RGBA };

/** Default `point-size`: point diameter in CSS pixels. */
const DEFAULT_POINT_SIZE_PX = 2;

/** The colour of LAS class `code`. */
export function lasClassColor(code: number): RGBA {
  return LAS_CLASS_COLORS[code] ?? OTHER_CLASS_COLOR;
}

/** The localized name of LAS class `code`, with its code: `Maaiveld (2)`, `Klasse 12`. */
function className(layer: DtLayer, code: number): string {
  const key = `pointcloud.class.${code}`;
  const name = layer.t(key as MessageKey);
  return name === key ? layer.t('pointcloud.class.other', { code }) : `${name} (${code})`;
}

/** How `layer` colours `payload`, from `color-by`, `color`, `ramp` and `domain`. */
function coloringOf(layer: DtLayer, payload: PointCloudPayload): PointColoring {
  if (layer.colorBy === 'height' || layer.colorBy === 'z') {
    const parsed = layer.domain?.split(',').map(Number);
    const domain: [number, number] =
      parsed?.length === 2 && parsed.every(Number.isFinite) && parsed[0] !== parsed[1]
        ? [parsed[0] as number, parsed[1] as number]
        : payload.zPercentiles[0] < payload.zPercentiles[1]
          ? payload.zPercentiles
          : [payload.zRange[0], payload.zRange[0] + 1];
    const scale = buildColorScale(domain, {
      property: layer.t('pointcloud.legend.height'),
      mode: 'continuous',
      ramp: layer.ramp && isRampName(layer.ramp) ? layer.ramp : 'viridis',
    });
    return { mode: 'height', scale, domain };
  }
  const fixed = layer.colorBy === null ? cssColorToRgba(layer.color) : undefined;
  return fixed ? { mode: 'fixed', color: fixed } : { mode: 'classification' };
}

/** deck.gl's binary data for a payload and colouring: the same object while neither changes, so deck.gl does no work. */
interface PointData {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 3 };
    getColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

/** Data objects per payload and colouring key (a few colourings per payload at most). */
const dataCache = new WeakMap<PointCloudPayload, Map<string, PointData>>();

function pointData(payload: PointCloudPayload, coloring: PointColoring, key: string): PointData {
  const byKey = dataCache.get(payload) ?? new Map<string, PointData>();
  dataCache.set(payload, byKey);
  let data = byKey.get(key);
  if (!data) {
    if (byKey.size >= 4) byKey.clear();
    data = {
      length: payload.drawnCount,
      attributes: {
        getPosition: { value: payload.positions, size: 3 },
        getColor: { value: pointColors(payload, coloring), size: 4, normalized: true },
      },
    };
    byKey.set(key, data);
  }
  return data;
}

/** RGBA per point through a 256-entry lookup table (class code or height bin): no per-point allocation. */
function pointColors(payload: PointCloudPayload, coloring: PointColoring): Uint8Array {
  const count = payload.drawnCount;
  const colors = new Uint8Array(count * 4);
  const lut = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    const color =
      coloring.mode === 'height'
        ? coloring.scale.colorOf(
            coloring.domain[0] + ((coloring.domain[1] - coloring.domain[0]) * i) / 255,
          )
        : coloring.mode === 'fixed'
          ? coloring.color
          : lasClassColor(i);
    lut.set(color, i * 4);
  }
  const { positions, classification } = payload;
  const [lo, hi] = coloring.mode === 'height' ? coloring.domain : [0, 1];
  const binsPerM = 255 / (hi - lo);
  for (let i = 0; i < count; i++) {
    let bin: number;
    if (coloring.mode === 'height') {
      const t = Math.round(((positions[i * 3 + 2] as number) - lo) * binsPerM);
      bin = t < 0 ? 0 : t > 255 ? 255 : t;
    } else {
      bin = classification[i] as number;
    }
    colors[i * 4] = lut[bin * 4] as number;
    colors[i * 4 + 1] = lut[bin * 4 + 1] as number;
    colors[i * 4 + 2] = lut[bin * 4 + 2] as number;
    colors[i * 4 + 3] = lut[bin * 4 + 3] as number;
  }
  return colors;
}

/** Selects drawn point `index` as a feature: its class and height in the feature info. */
function selectPoint(layer: DtLayer, payload: PointCloudPayload, index: number): void {
  const twin = layer.twin;
  const source = layer.sourceElement;
  if (!twin || !source || index < 0 || index >= payload.drawnCount) return;
  const { positions, classification, origin } = payload;
  const code = classification[index] as number;
  const heightM = Math.round((positions[index * 3 + 2] as number) * 1000) / 1000;
  const feature: Feature = {
    type: 'Feature',
    id: layer.t('pointcloud.point', { number: index + 1 }),
    properties: {
      [layer.t('pointcloud.prop.class')]: className(layer, code),
      [layer.t('pointcloud.prop.height')]: heightM,
    },
    geometry: {
      type: 'Point',
      coordinates: [
        origin[0] + (positions[index * 3] as number),
        origin[1] + (positions[index * 3 + 1] as number),
        heightM,
      ],
    },
  };
  twin.select({ layer, sourceId: source.id, index, feature });
}

/** The diameter of a point in CSS pixels: `point-size`, default 2. */
function pointSizePx(layer: DtLayer): number {
  const size = Number(layer.getAttribute('point-size'));
  return Number.isFinite(size) && size > 0 ? size : DEFAULT_POINT_SIZE_PX;
}

const pointCloudRenderer: LayerRenderer = {
  render(layer) {
    const payload = layer.sourceElement?.payload;
    if (!isPointCloudPayload(payload)) return [];
    const coloring = coloringOf(layer, payload);
    const colorKey = `${coloring.mode}|${layer.color}|${layer.ramp}|${layer.domain}|${layer.colorBy}`;
    return [
      new PointCloudLayer({
        id: layer.layerId,
        data: pointData(payload, coloring, colorKey),
        coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
        coordinateOrigin: [payload.origin[0], payload.origin[1], 0],
        visible: layer.visible,
        opacity: layer.opacity,
        // deck.gl's pointSize is the radius.
        pointSize: pointSizePx(layer) / 2,
        sizeUnits: 'pixels',
        material: ROOF_TRUE_MATERIAL,
        pickable: true,
        updateTriggers: { getColor: colorKey },
        onClick: (info: PickingInfo) => {
          selectPoint(layer, payload, info.index);
          return true;
        },
      }) as unknown as Layer,
    ];
  },

  legend(layer): Legend | undefined {
    const payload = layer.sourceElement?.payload;
    if (!isPointCloudPayload(payload)) return undefined;
    const coloring = coloringOf(layer, payload);
    if (coloring.mode === 'height') return coloring.scale.legend;
    if (coloring.mode === 'fixed') {
      return {
        property: '',
        mode: 'categorical',
        entries: [{ value: '', color: toHex(coloring.color) }],
      };
    }
    const codes = Object.keys(payload.classes)
      .map(Number)
      .sort((a, b) => a - b);
    return {
      property: layer.t('pointcloud.legend.class'),
      mode: 'categorical',
      entries: codes.map((code) => ({
        value: className(layer, code),
        color: toHex(lasClassColor(code)),
      })),
    };
  },
};

/** Renderers of this file, by payload kind or layer type: payload `points` (LAS/LAZ point clouds). */
export const pointCloudRenderers: Record<string, LayerRenderer> = {
  points: pointCloudRenderer,
  pointcloud: pointCloudRenderer,
};
