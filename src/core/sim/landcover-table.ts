/**
 * The land-cover class table: one row per land-cover class (BGT `bgt_laag` / `bgt_subtype`, buildings,
 * tree canopy) with every model parameter the scenarios use. Flood and rain read Manning's n, the
 * curve number and green-roof storage; heat reads Kc, albedo, shade and green. A user overrides rows
 * or adds classes with JSON (`<dt-scenario classes='{...}'>`). docs/models/landcover-table.md prints
 * this table with its sources.
 */

/** A hydrologic soil group (USDA): A sandy, well drained ... D clay or peat, poorly drained. */
export type SoilGroup = 'A' | 'B' | 'C' | 'D';

/** The model parameters of one land-cover class. */
export interface LandCoverClass {
  /** Name shown in tables, Dutch and English. */
  label: {
    /** Dutch. */
    nl: string;
    /** English. */
    en: string;
  };
  /** Manning's roughness n (s/m^(1/3)) for overland flow. */
  manning: number;
  /** SCS curve numbers for soil groups A, B, C, D (USDA TR-55 table 2-2a). */
  curveNumber: [number, number, number, number];
  /** Crop coefficient Kc for evapotranspiration (InVEST Urban Cooling). */
  kc: number;
  /** Share of sunlight reflected, 0..1. */
  albedo: number;
  /** Share of the cell shaded by trees (>= 2 m), 0..1. */
  shade: number;
  /** Whether the class counts as green space (1) or not (0) for park cooling. */
  green: 0 | 1;
  /** Water a roof of this class holds before it runs off (mm): green roofs. */
  roofStorageMm?: number;
}

/** Class keys: `bgt_laag`, or `bgt_laag/bgt_subtype` for a subtype that differs from its layer. */
export type LandCoverTable = Record<string, LandCoverClass>;

const PAVED: LandCoverClass = {
  label: { nl: 'verharding', en: 'paved' },
  manning: 0.015,
  curveNumber: [98, 98, 98, 98],
  kc: 0.1,
  albedo: 0.15,
  shade: 0,
  green: 0,
};

/**
 * The built-in table. Manning n: Chow (1959) overland-flow values as LISFLOOD-FP studies use them
 * (paved 0.013-0.015, grass 0.035-0.06); curve numbers: TR-55 table 2-2a (open space in good
 * condition 39/61/74/80, impervious 98, residential 65 % impervious 77/85/90/92, gravel 76/85/89/91,
 * dirt 72/82/87/89); Kc, albedo, shade and green: the ranges of the InVEST Urban Cooling guide.
 */
export const DEFAULT_LANDCOVER_TABLE: LandCoverTable = {
  begroeidterreindeel: {
    label: { nl: 'begroeid terrein', en: 'vegetated land' },
    manning: 0.05,
    curveNumber: [39, 61, 74, 80],
    kc: 1.0,
    albedo: 0.2,
    shade: 0,
    green: 1,
  },
  onbegroeidterreindeel: {
    label: { nl: 'onbegroeid terrein', en: 'unvegetated land' },
    manning: 0.02,
    curveNumber: [76, 85, 89, 91],
    kc: 0.3,
    albedo: 0.2,
    shade: 0,
    green: 0,
  },
  'onbegroeidterreindeel/erf': {
    label: { nl: 'erf', en: 'yard' },
    manning: 0.03,
    curveNumber: [77, 85, 90, 92],
    kc: 0.5,
    albedo: 0.18,
    shade: 0,
    green: 0,
  },
  'onbegroeidterreindeel/gesloten verharding': {
    ...PAVED,
    label: { nl: 'gesloten verharding', en: 'sealed paving' },
  },
  'onbegroeidterreindeel/onverhard': {
    label: { nl: 'onverhard', en: 'unpaved' },
    manning: 0.03,
    curveNumber: [72, 82, 87, 89],
    kc: 0.6,
    albedo: 0.2,
    shade: 0,
    green: 0,
  },
  wegdeel: { ...PAVED, label: { nl: 'weg', en: 'road' }, albedo: 0.12 },
  'wegdeel/voetpad': { ...PAVED, label: { nl: 'voetpad', en: 'footpath' }, albedo: 0.2 },
  waterdeel: {
    label: { nl: 'water', en: 'water' },
    manning: 0.03,
    curveNumber: [100, 100, 100, 100],
    kc: 1.05,
    albedo: 0.06,
    shade: 0,
    green: 0,
  },
  scheiding: { ...PAVED, label: { nl: 'muur of kade', en: 'wall or quay' }, albedo: 0.25 },
  overbruggingsdeel: { ...PAVED, label: { nl: 'brug', en: 'bridge' } },
  kunstwerkdeel: { ...PAVED, label: { nl: 'kunstwerk', en: 'structure' } },
  pand: {
    label: { nl: 'gebouw', en: 'building' },
    manning: 0.015,
    curveNumber: [98, 98, 98, 98],
    kc: 0.1,
    albedo: 0.2,
    shade: 0,
    green: 0,
    roofStorageMm: 0,
  },
  'pand/groen dak': {
    label: { nl: 'groen dak', en: 'green roof' },
    manning: 0.05,
    curveNumber: [98, 98, 98, 98],
    kc: 0.6,
    albedo: 0.2,
    shade: 0,
    green: 0,
    roofStorageMm: 30,
  },
  boom: {
    label: { nl: 'boomkroon', en: 'tree canopy' },
    manning: 0.1,
    curveNumber: [30, 55, 70, 77],
    kc: 1.1,
    albedo: 0.15,
    shade: 1,
    green: 1,
  },
  onbekend: {
    label: { nl: 'onbekend', en: 'unknown' },
    manning: 0.03,
    curveNumber: [77, 85, 90, 92],
    kc: 0.3,
    albedo: 0.15,
    shade: 0,
    green: 0,
  },
};

/** The soil group used unless a scenario says otherwise: D (Dutch clay and peat polders). */
export const DEFAULT_SOIL_GROUP: SoilGroup = 'D';

/** The class key for a feature's properties: `laag/subtype` when the table has it, else `laag`, else `onbekend`. */
export function classKeyOf(
  table: LandCoverTable,
  properties: Record<string, unknown> | null | undefined,
): string {
  const layer = String(properties?.['bgt_laag'] ?? properties?.['class'] ?? '');
  const subtype = String(properties?.['bgt_subtype'] ?? '');
  if (subtype && table[`${layer}/${subtype}`]) return `${layer}/${subtype}`;
  if (table[layer]) return layer;
  return 'onbekend';
}

const NUMBER_FIELDS = ['manning', 'kc', 'albedo', 'shade', 'green', 'roofStorageMm'] as const;

/**
 * The built-in table with the rows of `json` merged over it (a row may give only the fields it
 * changes). `json` is a JSON object text or an object.
 * @throws TypeError naming the class and field when a value is not a finite number in its range.
 */
export function mergeLandCoverTable(
  json: string | Record<string, Partial<LandCoverClass>> | null | undefined,
  base: LandCoverTable = DEFAULT_LANDCOVER_TABLE,
): LandCoverTable {
  if (json === null || json === undefined || json === '') return base;
  const overrides: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    throw new TypeError('land-cover table: expected a JSON object of classes');
  const table: LandCoverTable = { ...base };
  for (const [key, row] of Object.entries(overrides as Record<string, unknown>)) {
    if (typeof row !== 'object' || row === null)
      throw new TypeError(`land-cover table: class "${key}" must be an object`);
    const merged = { ...(table[key] ?? table['onbekend']), ...row } as LandCoverClass;
    for (const field of NUMBER_FIELDS) {
      const value = merged[field];
      if (
        value !== undefined &&
        !(typeof value === 'number' && Number.isFinite(value) && value >= 0)
      )
        throw new TypeError(
          `land-cover table: class "${key}" field "${field}" must be a number >= 0`,
        );
    }
    const cn = merged.curveNumber;
    if (!Array.isArray(cn) || cn.length !== 4 || cn.some((v) => !(v > 0 && v <= 100)))
      throw new TypeError(
        `land-cover table: class "${key}" field "curveNumber" must be 4 numbers in (0, 100]`,
      );
    table[key] = merged;
  }
  return table;
}

/** The curve number of a class for a soil group. */
export function curveNumberOf(row: LandCoverClass, soil: SoilGroup): number {
  return row.curveNumber['ABCD'.indexOf(soil)] as number;
}
