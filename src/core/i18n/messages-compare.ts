/** User-facing text of the compare work (issue 8), English and Dutch (spread into messages.ts; same keys in both). */
export const compareEn = {
  'compareView.label': 'Compare {a} and {b}',
  'compareView.mode': 'Compare mode',
  'compareView.swipe': 'Swipe',
  'compareView.sideBySide': 'Side by side',
  'compareView.difference': 'Difference',
  'compareView.divider': 'Swipe divider',
  'compareView.dividerValue': '{percent} %: {a} on the left, {b} on the right',
  'compareView.viewB': 'Map of {b}',
  'compareView.modeSwipe':
    'Swipe: {a} on the left, {b} on the right. Move the divider with the arrow keys.',
  'compareView.modeSideBySide':
    'Side by side: {a} on the left, {b} on the right. Both views move together.',
  'compareView.modeDifference': 'Difference: {b} minus {a}, {band}.',
  'compareView.differenceLayer': 'Difference {b} − {a}: {band}',
  'compareView.legendCaption': '{band}, {b} − {a}',
  'compareView.legendHint': 'blue: lower in {b}, red: higher in {b}, white: the same',
  'compareView.tableCaption': 'The numbers of {a} and {b} side by side; change: {b} − {a}',
  'compareView.statistic': 'Statistic',
  'compareView.change': 'Change',
  'compareView.noStats': 'No statistics that both have.',
  'compareView.waiting': 'Waiting for the results of {a} and {b}…',
  'compareView.error.missingSource': 'There is no data source or scenario "{id}".',
  'compareView.error.noSources': 'The difference needs two sources: set a and b.',
  'compareView.error.missingBand': '"{id}" has no band "{band}".',
  'compareView.error.gridMismatch':
    'The difference needs the same grid: "{b}" has {gridB}, "{a}" has {gridA}.',
  'compareView.error.mode': 'Unknown compare mode "{mode}": use swipe, side-by-side or difference.',
} as const;

export const compareNl: Record<keyof typeof compareEn, string> = {
  'compareView.label': '{a} en {b} vergelijken',
  'compareView.mode': 'Vergelijkweergave',
  'compareView.swipe': 'Schuiven',
  'compareView.sideBySide': 'Naast elkaar',
  'compareView.difference': 'Verschil',
  'compareView.divider': 'Schuifbalk',
  'compareView.dividerValue': '{percent} %: links {a}, rechts {b}',
  'compareView.viewB': 'Kaart van {b}',
  'compareView.modeSwipe':
    'Schuiven: links {a}, rechts {b}. Verplaats de schuifbalk met de pijltjestoetsen.',
  'compareView.modeSideBySide': 'Naast elkaar: links {a}, rechts {b}. Beide kaarten bewegen samen.',
  'compareView.modeDifference': 'Verschil: {b} min {a}, {band}.',
  'compareView.differenceLayer': 'Verschil {b} − {a}: {band}',
  'compareView.legendCaption': '{band}, {b} − {a}',
  'compareView.legendHint': 'blauw: lager in {b}, rood: hoger in {b}, wit: gelijk',
  'compareView.tableCaption': 'De cijfers van {a} en {b} naast elkaar; verschil: {b} − {a}',
  'compareView.statistic': 'Grootheid',
  'compareView.change': 'Verschil',
  'compareView.noStats': 'Geen cijfers die beide hebben.',
  'compareView.waiting': 'Wachten op de resultaten van {a} en {b}…',
  'compareView.error.missingSource': 'Er is geen gegevensbron of scenario "{id}".',
  'compareView.error.noSources': 'Het verschil heeft twee bronnen nodig: geef a en b op.',
  'compareView.error.missingBand': '"{id}" heeft geen band "{band}".',
  'compareView.error.gridMismatch':
    'Het verschil vraagt hetzelfde raster: "{b}" heeft {gridB}, "{a}" heeft {gridA}.',
  'compareView.error.mode':
    'Onbekende vergelijkweergave "{mode}": gebruik swipe, side-by-side of difference.',
};
