/** The cases of bench/load.mjs: the same files and view for the SDK page and the hand-written one. */
export interface LoadCase {
  /** What loads the files. */
  kind: 'geojson' | 'cityjson' | 'laz';
  /** URLs of the files, relative to the page. */
  files: string[];
  center: [number, number];
  zoom: number;
  pitch: number;
  /** The SDK markup: data sources and layers inside `<dt-twin basemap="none">`. */
  markup: string;
}

export const CASES: Record<string, LoadCase> = {
  campus: {
    kind: 'geojson',
    files: ['data/delft-campus/bag-panden.wgs84.geojson'],
    center: [4.3741, 52.0],
    zoom: 15,
    pitch: 45,
    markup: `<dt-data-source id="b" src="data/delft-campus/bag-panden.wgs84.geojson"></dt-data-source>
      <dt-layer source="b" type="extrusion" height="10" color="#0072b2"></dt-layer>`,
  },
  cityjson: {
    kind: 'cityjson',
    files: ['data/delft/testarea.city.json'],
    center: [4.3658, 52.0122],
    zoom: 16.4,
    pitch: 45,
    markup: `<dt-data-source id="c" type="cityjson" src="data/delft/testarea.city.json"></dt-data-source>
      <dt-layer source="c" type="mesh" color="#0072b2"></dt-layer>`,
  },
  '3dbag': {
    kind: 'cityjson',
    files: ['data/delft-campus/delft_subset.city.jsonl'],
    center: [4.3691, 52.0015],
    zoom: 15.5,
    pitch: 45,
    markup: `<dt-data-source id="c" type="cityjson" src="data/delft-campus/delft_subset.city.jsonl"></dt-data-source>
      <dt-layer source="c" type="mesh" color="#0072b2"></dt-layer>`,
  },
  laz: {
    kind: 'laz',
    files: ['data/delft/ahn3_cropped_1.laz', 'data/delft/ahn3_cropped_2.laz'],
    center: [4.3658, 52.0122],
    zoom: 16.4,
    pitch: 45,
    markup: `<dt-data-source id="p1" type="pointcloud" src="data/delft/ahn3_cropped_1.laz"></dt-data-source>
      <dt-data-source id="p2" type="pointcloud" src="data/delft/ahn3_cropped_2.laz"></dt-data-source>
      <dt-layer source="p1" type="pointcloud"></dt-layer>
      <dt-layer source="p2" type="pointcloud"></dt-layer>`,
  },
};
