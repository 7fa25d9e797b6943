/**
 * A scenario result as files, through the export module: its main grid (flood depth, air
 * temperature, PET, ...) as GeoTIFF, the buildings as GeoJSON and the statistics as CSV. Every
 * scenario kind uses these.
 */
import type { Feature } from 'geojson';
import { featuresToGeoJson, gridToGeoTiff, toCsv } from '../export/index.js';
import type { ScenarioResult } from './scenario-result.js';

/**
 * The band a grid export writes: the result's `primaryBand`, else the maximum depth of a
 * time-stepping run, else the depth, else the first band.
 */
export function exportBandName(result: ScenarioResult): string | undefined {
  if (result.primaryBand && result.bands[result.primaryBand]) return result.primaryBand;
  return ['max-depth', 'depth'].find((name) => result.bands[name]) ?? Object.keys(result.bands)[0];
}

/** The export band ({@link exportBandName}) as a Float32 GeoTIFF in the grid's CRS (no value: NaN, the nodata value). */
export function bandGeoTiff(result: ScenarioResult): Promise<ArrayBuffer> {
  const name = exportBandName(result);
  const grid = name ? result.bands[name] : undefined;
  if (!grid) return Promise.reject(new Error(`the ${result.model} result has no band`));
  return gridToGeoTiff({ ...grid, nodata: NaN }, { description: `${result.model} ${name}` });
}

/** The flood depth as GeoTIFF: {@link bandGeoTiff} of a flood result. */
export const depthGeoTiff = bandGeoTiff;

/** The flooded buildings (features whose `flooded` property is true) as GeoJSON. */
export function floodedBuildingsGeoJson(features: readonly Feature[], name: string): string {
  return featuresToGeoJson(
    features.filter((f) => f.properties?.['flooded'] === true),
    { name },
  );
}

/** The statistics and the parameters as CSV: `kind,key,value,unit` rows. */
export function statsCsv(result: ScenarioResult): string {
  return toCsv([
    { kind: 'model', key: 'model', value: result.model, unit: '' },
    ...result.stats.map((s) => ({ kind: 'statistic', key: s.key, value: s.value, unit: s.unit })),
    ...Object.entries(result.parameters)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([key, value]) => ({
        kind: 'parameter',
        key,
        value: typeof value === 'number' ? value : String(value),
        unit: '',
      })),
  ]);
}
