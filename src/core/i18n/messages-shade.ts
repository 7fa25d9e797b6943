/** User-facing text of the shade work, English and Dutch (spread into messages.ts; same keys in both). */
export const shadeEn = {
  'stat.sun-elevation': 'Sun elevation',
  'stat.sun-azimuth': 'Sun azimuth (from north)',
  'stat.shade-share': 'Open ground in shade',
  'stat.sun-hours-mean': 'Mean hours of sun on open ground',
  'stat.day-length': 'Day length',
  'stat.pet-mean': 'Mean PET on open ground',
  'stat.pet-max': 'Highest PET on open ground',
  'stat.pet-strong-area': 'Area with PET of 35 °C or more',
  'stat.cool-places': 'Cool places',
  'stat.cool-place-area': 'Area of cool places',
  'stat.homes-near-cool-place': 'Homes within reach of a cool place (straight line)',
  'stat.cool-distance-mean': 'Mean distance to a cool place (straight line)',
} as const;

export const shadeNl: Record<keyof typeof shadeEn, string> = {
  'stat.sun-elevation': 'Zonshoogte',
  'stat.sun-azimuth': 'Zonazimut (vanaf noord)',
  'stat.shade-share': 'Open terrein in de schaduw',
  'stat.sun-hours-mean': 'Gemiddelde zonuren op open terrein',
  'stat.day-length': 'Daglengte',
  'stat.pet-mean': 'Gemiddelde PET op open terrein',
  'stat.pet-max': 'Hoogste PET op open terrein',
  'stat.pet-strong-area': 'Oppervlak met PET van 35 °C of meer',
  'stat.cool-places': 'Koele plekken',
  'stat.cool-place-area': 'Oppervlak koele plekken',
  'stat.homes-near-cool-place': 'Woningen binnen bereik van een koele plek (hemelsbreed)',
  'stat.cool-distance-mean': 'Gemiddelde afstand tot een koele plek (hemelsbreed)',
};
