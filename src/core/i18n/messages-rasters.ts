/** User-facing text of the hillshade and heatmap layers, English and Dutch. */
export const rastersEn = {
  'hillshade.legend': 'hillshade',
  'hillshade.lit': 'slope facing the sun',
  'hillshade.shaded': 'slope facing away',
  'heatmap.legend': 'point density',
  'heatmap.legendWeighted': 'density weighted by {property}',
  'heatmap.low': 'low',
  'heatmap.high': 'high',
} as const;

export const rastersNl: Record<keyof typeof rastersEn, string> = {
  'hillshade.legend': 'schaduwreliëf',
  'hillshade.lit': 'helling naar de zon',
  'hillshade.shaded': 'helling van de zon af',
  'heatmap.legend': 'puntdichtheid',
  'heatmap.legendWeighted': 'dichtheid gewogen naar {property}',
  'heatmap.low': 'laag',
  'heatmap.high': 'hoog',
};
