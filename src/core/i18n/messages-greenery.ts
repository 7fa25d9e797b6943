/**
 * User-facing text of the greenery work (the 3-30-300 rule, docs/models/rule-3-30-300.md), English
 * and Dutch (spread into messages.ts; same keys in both).
 */
export const greeneryEn = {
  'stat.trees-found': 'Trees',
  'stat.canopy-cover': 'Tree canopy cover',
  'stat.homes-counted': 'Homes',
  'stat.homes-3-trees': 'Homes that see 3 or more trees',
  'stat.trees-visible-mean': 'Trees visible per home (mean)',
  'stat.parks': 'Parks and green spaces of 0.5 ha or more',
  'stat.park-area': 'Area of those parks',
  'stat.homes-near-park': 'Homes within 300 m of a park',
  'stat.neighbourhoods-30': 'Neighbourhoods with 30 % canopy or more',
} as const;

export const greeneryNl: Record<keyof typeof greeneryEn, string> = {
  'stat.trees-found': 'Bomen',
  'stat.canopy-cover': 'Bedekking door boomkronen',
  'stat.homes-counted': 'Woningen',
  'stat.homes-3-trees': 'Woningen die 3 of meer bomen zien',
  'stat.trees-visible-mean': 'Zichtbare bomen per woning (gemiddeld)',
  'stat.parks': 'Parken en groengebieden van 0,5 ha of meer',
  'stat.park-area': 'Oppervlak van die parken',
  'stat.homes-near-park': 'Woningen binnen 300 m van een park',
  'stat.neighbourhoods-30': 'Buurten met 30 % of meer boomkroon',
};
