import { expect } from '@open-wc/testing';
import { WebMercatorViewport } from '@deck.gl/core';
import { lonLatToTile, tileBounds, tileKey, type TileId } from '../../../src/core/tiles/tile-id.js';
import {
  DEFAULT_MAX_DISTANCE,
  groundFootprint,
  tilesInView,
  type TileView,
} from '../../../src/core/tiles/traversal.js';

const DELFT: TileView = {
  longitude: 4.3658,
  latitude: 52.0122,
  zoom: 16,
  width: 1000,
  height: 700,
};

/** deck.gl's camera, as an independent reference for unprojection. */
function deckViewport(view: TileView): WebMercatorViewport {
  return new WebMercatorViewport({ ...view, pitch: view.pitch ?? 0, bearing: view.bearing ?? 0 });
}

function centreOf(tile: TileId): [number, number] {
  const b = tileBounds(tile);
  return [(b.west + b.east) / 2, (b.south + b.north) / 2];
}

describe('tile traversal (core)', () => {
  it('covers exactly the tiles of the screen rectangle without pitch', () => {
    const viewport = deckViewport(DELFT);
    const [west, north] = viewport.unproject([0, 0]) as [number, number];
    const [east, south] = viewport.unproject([DELFT.width, DELFT.height]) as [number, number];
    const nw = lonLatToTile(west, north, 16);
    const se = lonLatToTile(east, south, 16);
    const expected: string[] = [];
    for (let x = nw.x; x <= se.x; x++)
      for (let y = nw.y; y <= se.y; y++) expected.push(tileKey({ z: 16, x, y }));
    const tiles = tilesInView(DELFT);
    expect(tiles.map(tileKey).sort()).to.deep.equal(expected.sort());
    // Nearest the centre first: the first tile holds the view centre.
    expect(tiles[0]).to.deep.equal(lonLatToTile(DELFT.longitude, DELFT.latitude, 16));
    // 256-px tiles use one zoom level more.
    expect(tilesInView(DELFT, { tileSize: 256 })[0]?.z).to.equal(17);
    expect(tilesInView(DELFT, { maxZoom: 14 })[0]?.z).to.equal(14);
  });

  it('projects the screen corners to the ground as deck.gl does', () => {
    for (const pitch of [0, 30, 60]) {
      const view = { ...DELFT, pitch, bearing: 30 };
      const viewport = deckViewport(view);
      const screen = [
        [0, view.height],
        [view.width, view.height],
        [view.width, 0],
        [0, 0],
      ];
      groundFootprint(view).forEach(([lon, lat], i) => {
        const [refLon, refLat] = viewport.unproject(screen[i] ?? [0, 0]) as [number, number];
        expect(lon, `pitch ${pitch} corner ${i}`).to.be.closeTo(refLon, 1e-6);
        expect(lat, `pitch ${pitch} corner ${i}`).to.be.closeTo(refLat, 1e-6);
      });
    }
  });

  it('covers more ground at pitch 60, nearest the bottom centre of the screen first', () => {
    const view = { ...DELFT, pitch: 60 };
    const flat = tilesInView(DELFT);
    const tiles = tilesInView(view);
    expect(tiles.length).to.be.greaterThan(flat.length);
    const viewport = deckViewport(view);
    const bottomCentre = viewport.unproject([view.width / 2, view.height]) as [number, number];
    const distance = (tile: TileId): number => {
      const [lon, lat] = centreOf(tile);
      return Math.hypot(lon - bottomCentre[0], lat - bottomCentre[1]);
    };
    const first = tiles.slice(0, 3).map(distance);
    const last = tiles.slice(-3).map(distance);
    expect(Math.max(...first)).to.be.lessThan(Math.min(...last));
    // The first tile is on the lower half of the screen.
    const [, y] = viewport.project(centreOf(tiles[0] ?? { z: 0, x: 0, y: 0 }));
    expect(y).to.be.greaterThan(view.height / 2);
    expect(tiles[0]).to.deep.equal(lonLatToTile(bottomCentre[0], bottomCentre[1], 16));
  });

  it('stops at a far distance when the horizon is visible, and can lower far zooms', () => {
    const steep = tilesInView({ ...DELFT, pitch: 85 });
    expect(steep.length).to.be.within(10, 400);
    const corners = groundFootprint({ ...DELFT, pitch: 85 });
    const [farLon = 0, farLat = 0] = corners[2] ?? [];
    // The far edge is at most DEFAULT_MAX_DISTANCE camera distances (1.5 · 700 px) from the camera.
    const metresPerPx = (40075016.7 * Math.cos((52 * Math.PI) / 180)) / (512 * 2 ** 16);
    const farM = Math.hypot((farLon - 4.3658) * 68600, (farLat - 52.0122) * 111200);
    expect(farM).to.be.lessThan(DEFAULT_MAX_DISTANCE * 1050 * metresPerPx * 1.05);
    const lod = tilesInView({ ...DELFT, pitch: 75 }, { lodDistance: 1 });
    const zooms = new Set(lod.map((t) => t.z));
    expect(Math.min(...zooms)).to.be.lessThan(16);
    expect(lod[0]?.z).to.equal(16);
    // No tile overlaps another: none is an ancestor of another.
    const keys = new Set(lod.map(tileKey));
    for (const tile of lod)
      for (let z = tile.z - 1; z >= 0; z--) {
        const up = { z, x: tile.x >> (tile.z - z), y: tile.y >> (tile.z - z) };
        expect(keys.has(tileKey(up)), tileKey(tile)).to.equal(false);
      }
  });
});
