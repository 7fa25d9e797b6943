/** User-facing text of the heat scenario and of before/after comparisons, English and Dutch. */
export const heatEn = {
  'stat.t-air-mean': 'Mean air temperature',
  'stat.t-air-max': 'Highest air temperature',
  'stat.area-above-threshold': 'Area above the heat threshold',
  'stat.hm-mean': 'Mean heat mitigation index',
  'stat.wbgt-mean': 'Mean WBGT (heat stress)',
  'stat.green-area': 'Green area',
  'stat.canopy-area': 'Tree canopy',
  'scenario.exportBand': 'Download {band} (GeoTIFF)',
  'scenario.exportAllBuildings': 'Download buildings with results (GeoJSON)',
  'compare.before': 'Before',
  'compare.after': 'With the plan',
  'compare.change': 'Change',
  'compare.caption': '{id}: the plan ({count} edits) against the situation without it',
} as const;

export const heatNl: Record<keyof typeof heatEn, string> = {
  'stat.t-air-mean': 'Gemiddelde luchttemperatuur',
  'stat.t-air-max': 'Hoogste luchttemperatuur',
  'stat.area-above-threshold': 'Oppervlak boven de hittegrens',
  'stat.hm-mean': 'Gemiddelde verkoelingsindex',
  'stat.wbgt-mean': 'Gemiddelde WBGT (hittestress)',
  'stat.green-area': 'Groen oppervlak',
  'stat.canopy-area': 'Boomkroonoppervlak',
  'scenario.exportBand': '{band} downloaden (GeoTIFF)',
  'scenario.exportAllBuildings': 'Panden met resultaten downloaden (GeoJSON)',
  'compare.before': 'Zonder plan',
  'compare.after': 'Met het plan',
  'compare.change': 'Verschil',
  'compare.caption': '{id}: het plan ({count} wijzigingen) tegenover de situatie zonder',
};
