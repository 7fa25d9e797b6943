import { expect } from '@open-wc/testing';
import {
  isValidTile,
  lonLatToTile,
  parseTileKey,
  tileBounds,
  tileChildren,
  tileKey,
  tileParent,
} from '../../../src/core/tiles/tile-id.js';

describe('tile ids (core)', () => {
  it('finds the tile of a point and the point back inside its bounds', () => {
    // Delft, Markt: zoom 16 tile (33562, 21643) in the XYZ scheme of OSM.
    expect(lonLatToTile(4.3658, 52.0122, 16)).to.deep.equal({ z: 16, x: 33562, y: 21643 });
    for (let i = 0; i < 200; i++) {
      const lon = -180 + Math.random() * 360;
      const lat = -85 + Math.random() * 170;
      const z = Math.floor(Math.random() * 23);
      const tile = lonLatToTile(lon, lat, z);
      const b = tileBounds(tile);
      expect(lon, `${lon},${lat} z${z}`).to.be.within(b.west - 1e-9, b.east + 1e-9);
      expect(lat, `${lon},${lat} z${z}`).to.be.within(b.south - 1e-9, b.north + 1e-9);
    }
  });

  it('has whole-world bounds at zoom 0 and clamps the poles and the antimeridian', () => {
    const world = tileBounds({ z: 0, x: 0, y: 0 });
    expect(world.west).to.equal(-180);
    expect(world.east).to.equal(180);
    expect(world.north).to.be.closeTo(85.0511287798, 1e-9);
    expect(lonLatToTile(180, 90, 3)).to.deep.equal({ z: 3, x: 7, y: 0 });
    expect(lonLatToTile(-180, -90, 3)).to.deep.equal({ z: 3, x: 0, y: 7 });
  });

  it('round-trips keys, parents and children', () => {
    const tile = { z: 16, x: 33562, y: 21643 };
    expect(parseTileKey(tileKey(tile))).to.deep.equal(tile);
    expect(() => parseTileKey('2/4/0')).to.throw(RangeError);
    expect(() => parseTileKey('a/b/c')).to.throw(RangeError);
    const children = tileChildren(tile);
    expect(children.map(tileKey)).to.deep.equal([
      '17/67124/43286',
      '17/67125/43286',
      '17/67124/43287',
      '17/67125/43287',
    ]);
    for (const child of children) expect(tileParent(child)).to.deep.equal(tile);
    expect(tileParent({ z: 0, x: 0, y: 0 })).to.equal(undefined);
    expect(isValidTile({ z: 1, x: 2, y: 0 })).to.equal(false);
    // Children split the parent's bounds exactly.
    const parent = tileBounds(tile);
    expect(tileBounds(children[0]).west).to.equal(parent.west);
    expect(tileBounds(children[3]).south).to.be.closeTo(parent.south, 1e-12);
  });
});
