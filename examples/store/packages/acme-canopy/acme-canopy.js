// Acme canopy: an example store component for Tweeling. It adds a scenario kind,
// `<dt-scenario type="acme-canopy-cover">` (tree canopy and tree tops from an AHN surface model minus
// its terrain model), and a layer, `<acme-canopy-layer>` (the detected tree crowns as circles).
// It imports nothing: it uses only the SDK's public API, which the SDK puts on globalThis.Tweeling,
// so it runs on the page's one copy of lit and deck.gl (see docs/write-a-component.md).
const {
  DtLayerElement,
  DtSourceError,
  registerScenarioKind,
  registerMessages,
  deckLayers,
  transformer,
} = globalThis.Tweeling;

registerMessages('en', {
  'acme-canopy.layer': 'Tree crowns (Acme)',
  'acme-canopy.height': 'tree height, m',
  'stat.acme-canopy-share': 'Tree canopy cover',
  'stat.acme-canopy-area': 'Tree canopy area',
  'stat.acme-tree-count': 'Trees detected',
});
registerMessages('nl', {
  'acme-canopy.layer': 'Boomkronen (Acme)',
  'acme-canopy.height': 'boomhoogte, m',
  'stat.acme-canopy-share': 'Bedekking door boomkronen',
  'stat.acme-canopy-area': 'Oppervlak boomkronen',
  'stat.acme-tree-count': 'Gevonden bomen',
});

/** Cells higher than this above the terrain, outside buildings, are tree canopy (metres). */
const CANOPY_MIN_HEIGHT_M = 2;
/** A tree top stands at least this high (metres) and is the highest cell within TOP_RADIUS cells. */
const TOP_MIN_HEIGHT_M = 4;
const TOP_RADIUS = 4;
/** A crown ends where the canopy drops below this share of the top's height, at most 8 m out. */
const CROWN_EDGE_SHARE = 0.5;
const CROWN_MAX_CELLS = 16;

/** 1 for each cell whose centre lies in a building footprint (even-odd scanline fill). */
function buildingMask(grid, buildings) {
  const mask = new Uint8Array(grid.width * grid.height);
  const toGrid = transformer('EPSG:4326', grid.crs);
  const [x0, dx, , y0, , dy] = grid.geotransform;
  for (const feature of buildings ?? []) {
    const geometry = feature.geometry;
    const polygons =
      geometry?.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry?.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    for (const rings of polygons) {
      const pixelRings = rings.map((ring) =>
        ring.map(([lon, lat]) => {
          const [x, y] = toGrid(lon, lat);
          return [(x - x0) / dx, (y - y0) / dy];
        }),
      );
      const rows = pixelRings.flat().map(([, row]) => row);
      const top = Math.max(0, Math.floor(Math.min(...rows)));
      const bottom = Math.min(grid.height - 1, Math.ceil(Math.max(...rows)));
      for (let row = top; row <= bottom; row++) {
        const centre = row + 0.5;
        const crossings = [];
        for (const ring of pixelRings) {
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const [ca, ra] = ring[i];
            const [cb, rb] = ring[j];
            if (ra > centre !== rb > centre)
              crossings.push(ca + ((centre - ra) / (rb - ra)) * (cb - ca));
          }
        }
        crossings.sort((a, b) => a - b);
        for (let k = 0; k + 1 < crossings.length; k += 2) {
          const from = Math.max(0, Math.ceil(crossings[k] - 0.5));
          const to = Math.min(grid.width - 1, Math.floor(crossings[k + 1] - 0.5));
          for (let col = from; col <= to; col++) mask[row * grid.width + col] = 1;
        }
      }
    }
  }
  return mask;
}

/** Reads the `min-height` attribute (metres), naming it when it is not a number from 0 to 50. */
function minHeightOf(context) {
  const text = context.attributes['min-height'];
  if (text === undefined || text.trim() === '') return CANOPY_MIN_HEIGHT_M;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 50) {
    throw new DtSourceError(
      context.scenarioId,
      'invalid-parameter',
      `min-height must be a number of metres from 0 to 50, got "${text}"`,
    );
  }
  return value;
}

/** The scenario kind: canopy height model, canopy cells, tree tops with their crown radius. */
async function canopyCover(context) {
  const started = performance.now();
  const { dem: dtm, dsm, scenarioId } = context;
  if (!dtm || !dsm) {
    throw new DtSourceError(
      scenarioId,
      'missing-input',
      'needs dem="<id of the terrain (DTM) source>" and dsm="<id of the surface (DSM) source>"',
    );
  }
  const sameGrid =
    dtm.width === dsm.width &&
    dtm.height === dsm.height &&
    dtm.crs === dsm.crs &&
    dtm.geotransform.every((value, i) => Math.abs(value - dsm.geotransform[i]) < 1e-6);
  if (!sameGrid) {
    throw new DtSourceError(
      scenarioId,
      'invalid-parameter',
      'the DSM and the DTM must share one grid',
    );
  }
  const minHeightM = minHeightOf(context);
  const { width, height } = dtm;
  const cells = width * height;
  const buildings = buildingMask(dtm, context.buildings);
  const valid = (grid, value) => !Number.isNaN(value) && value !== grid.nodata;
  const chm = new Float32Array(cells).fill(NaN);
  const canopy = new Float32Array(cells).fill(NaN);
  let canopyCells = 0;
  let landCells = 0;
  for (let i = 0; i < cells; i++) {
    const ground = dtm.values[i];
    const surface = dsm.values[i];
    if (!valid(dtm, ground) || !valid(dsm, surface)) continue;
    landCells++;
    const isCanopy = !buildings[i] && surface - ground > minHeightM;
    canopy[i] = isCanopy ? 1 : 0;
    if (isCanopy) {
      chm[i] = surface - ground;
      canopyCells++;
    }
  }
  context.progress(0.5);
  await new Promise((resolve) => setTimeout(resolve, 0));
  context.signal.throwIfAborted();
  const tops = new Float32Array(cells).fill(NaN);
  let trees = 0;
  const directions = [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
    [1, 1],
    [1, -1],
    [-1, 1],
    [-1, -1],
  ];
  const cellSizeM = Math.abs(dtm.geotransform[1]);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const top = chm[row * width + col];
      if (!(top >= TOP_MIN_HEIGHT_M)) continue;
      let highest = true;
      for (let dr = -TOP_RADIUS; dr <= TOP_RADIUS && highest; dr++) {
        for (let dc = -TOP_RADIUS; dc <= TOP_RADIUS; dc++) {
          const r = row + dr;
          const c = col + dc;
          if (r < 0 || c < 0 || r >= height || c >= width || (dr === 0 && dc === 0)) continue;
          const other = chm[r * width + c];
          // Ties go to the first cell in reading order, so a flat top counts once.
          if (other > top || (other === top && (dr < 0 || (dr === 0 && dc < 0)))) {
            highest = false;
            break;
          }
        }
      }
      if (!highest) continue;
      let reachM = 0;
      for (const [dc, dr] of directions) {
        let steps = 0;
        while (steps < CROWN_MAX_CELLS) {
          const r = row + dr * (steps + 1);
          const c = col + dc * (steps + 1);
          if (r < 0 || c < 0 || r >= height || c >= width) break;
          if (!(chm[r * width + c] >= top * CROWN_EDGE_SHARE)) break;
          steps++;
        }
        reachM += (steps + 0.5) * cellSizeM * Math.hypot(dc, dr);
      }
      tops[row * width + col] = reachM / directions.length;
      trees++;
    }
  }
  context.progress(1);
  const band = (values) => ({ ...dtm, values, nodata: undefined });
  return {
    model: 'acme-canopy-cover',
    bands: { chm: band(chm), canopy: band(canopy), 'crown-radius': band(tops) },
    times: [],
    snapshots: [],
    stats: [
      {
        key: 'acme-canopy-share',
        value: landCells ? (100 * canopyCells) / landCells : 0,
        unit: 'percent',
      },
      { key: 'acme-canopy-area', value: canopyCells * cellSizeM * cellSizeM, unit: 'm2' },
      { key: 'acme-tree-count', value: trees, unit: 'count' },
    ],
    buildings: [],
    parameters: { minHeightM, topMinHeightM: TOP_MIN_HEIGHT_M },
    elapsedMs: performance.now() - started,
  };
}

registerScenarioKind('acme-canopy-cover', canopyCover);

/** Crown colours by tree height (metres): ColorBrewer Greens, light to dark. */
const HEIGHT_CLASSES = [
  { from: 4, to: 8, color: [161, 217, 155, 255], hex: '#a1d99b' },
  { from: 8, to: 14, color: [65, 171, 93, 255], hex: '#41ab5d' },
  { from: 14, to: 40, color: [0, 90, 50, 255], hex: '#005a32' },
];
const classOf = (heightM) =>
  HEIGHT_CLASSES.find((c) => heightM < c.to) ?? HEIGHT_CLASSES[HEIGHT_CLASSES.length - 1];

/**
 * `<acme-canopy-layer source="...">`: draws the tree crowns of an `acme-canopy-cover` scenario as
 * circles of their crown radius, coloured by tree height, with a legend.
 */
class AcmeCanopyLayer extends DtLayerElement {
  #trees = [];
  #treesOf;

  /** The tree tops of the source's `crown-radius` band, as points in longitude/latitude. */
  get trees() {
    const bands = this.sourceElement?.bands ?? {};
    const radius = bands['crown-radius'];
    const chm = bands.chm;
    if (!radius || !chm) return [];
    if (this.#treesOf === radius) return this.#trees;
    const toLonLat = transformer(radius.crs, 'EPSG:4326');
    const [x0, dx, , y0, , dy] = radius.geotransform;
    const trees = [];
    for (let i = 0; i < radius.values.length; i++) {
      const radiusM = radius.values[i];
      if (Number.isNaN(radiusM)) continue;
      const col = i % radius.width;
      const row = Math.floor(i / radius.width);
      const position = toLonLat(x0 + (col + 0.5) * dx, y0 + (row + 0.5) * dy);
      trees.push({ position, radiusM, heightM: chm.values[i] });
    }
    this.#treesOf = radius;
    this.#trees = trees;
    return trees;
  }

  get displayName() {
    return this.label ?? this.t('acme-canopy.layer');
  }

  renderLayers() {
    return [
      new deckLayers.ScatterplotLayer({
        id: `${this.layerId}-crowns`,
        data: this.trees,
        visible: this.visible,
        opacity: this.opacity,
        radiusUnits: 'meters',
        getPosition: (tree) => tree.position,
        getRadius: (tree) => tree.radiusM,
        getFillColor: (tree) => classOf(tree.heightM).color,
        stroked: true,
        getLineColor: [0, 60, 30, 255],
        lineWidthMinPixels: 1,
      }),
    ];
  }

  legend() {
    return {
      property: this.t('acme-canopy.height'),
      mode: 'classed',
      entries: HEIGHT_CLASSES.map((c) => ({ value: [c.from, c.to], color: c.hex })),
    };
  }
}

AcmeCanopyLayer.define('acme-canopy-layer');
