/**
 * Every piece of user-facing text, in English and Dutch. The English catalogue defines the keys; the
 * Dutch one must have exactly the same keys (the type checker and a test enforce it).
 * `{name}` marks a parameter.
 */
export const en = {
  'twin.label': 'Digital twin',
  'twin.description':
    'Interactive 3D map. Use the arrow keys to pan, + and - to zoom, Shift with the arrow keys to rotate and tilt.',
  'map.label': 'Map of the twin',
  'panel.label': 'Twin panel',
  'panel.show': 'Show panel',
  'panel.hide': 'Hide panel',
  'layers.heading': 'Layers',
  'layers.empty': 'No layers',
  'layers.loading': 'loading',
  'layers.error': 'could not be loaded: {reason}',
  'legend.heading': 'Legend',
  'legend.empty': 'No legend for the visible layers',
  'legend.range': '{from} to {to}',
  'legend.fixed': 'all features',
  'features.heading': 'Features in view',
  'features.count': '{shown} of {total} features in view',
  'features.none': 'No features in view',
  'feature.heading': 'Selected feature',
  'feature.none': 'Nothing selected. Click a feature on the map or choose one from the list.',
  'feature.clear': 'Clear selection',
  'feature.property': 'Property',
  'feature.value': 'Value',
  'feature.fallbackName': 'Feature {index}',
  'source.error': 'Data source "{id}" could not be loaded: {reason}',
  'webgl.unavailable':
    'This map needs WebGL, which this browser has switched off or does not support.',
  'unit.metre': '{value} m',
  'default.buildings': 'Buildings (BAG), height above ground',
  'maplibre.zoomIn': 'Zoom in',
  'maplibre.zoomOut': 'Zoom out',
  'maplibre.resetBearing': 'Reset bearing to north',
  'maplibre.attribution': 'Toggle attribution',
} as const;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof en;

/** A catalogue with every key of the English one. */
export type Catalogue = Record<MessageKey, string>;

export const nl: Catalogue = {
  'twin.label': 'Digitale tweeling',
  'twin.description':
    'Interactieve 3D-kaart. Verschuif met de pijltjestoetsen, zoom met + en -, draai en kantel met Shift en de pijltjestoetsen.',
  'map.label': 'Kaart van de tweeling',
  'panel.label': 'Paneel van de tweeling',
  'panel.show': 'Paneel tonen',
  'panel.hide': 'Paneel verbergen',
  'layers.heading': 'Lagen',
  'layers.empty': 'Geen lagen',
  'layers.loading': 'wordt geladen',
  'layers.error': 'kon niet worden geladen: {reason}',
  'legend.heading': 'Legenda',
  'legend.empty': 'Geen legenda voor de zichtbare lagen',
  'legend.range': '{from} tot {to}',
  'legend.fixed': 'alle objecten',
  'features.heading': 'Objecten in beeld',
  'features.count': '{shown} van {total} objecten in beeld',
  'features.none': 'Geen objecten in beeld',
  'feature.heading': 'Geselecteerd object',
  'feature.none': 'Niets geselecteerd. Klik op een object op de kaart of kies er een uit de lijst.',
  'feature.clear': 'Selectie wissen',
  'feature.property': 'Eigenschap',
  'feature.value': 'Waarde',
  'feature.fallbackName': 'Object {index}',
  'source.error': 'Gegevensbron "{id}" kon niet worden geladen: {reason}',
  'webgl.unavailable':
    'Deze kaart heeft WebGL nodig, maar deze browser ondersteunt het niet of heeft het uitgezet.',
  'unit.metre': '{value} m',
  'default.buildings': 'Gebouwen (BAG), hoogte boven maaiveld',
  'maplibre.zoomIn': 'Inzoomen',
  'maplibre.zoomOut': 'Uitzoomen',
  'maplibre.resetBearing': 'Noorden boven zetten',
  'maplibre.attribution': 'Bronvermelding tonen of verbergen',
};
