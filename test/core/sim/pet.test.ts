import { expect } from '@open-wc/testing';
import {
  BOWEN_GREEN,
  BOWEN_PAVED,
  diffuseFraction,
  petGrid,
  petShade,
  petSun,
  wetBulbStull,
} from '../../../src/core/sim/pet.js';

describe('PET, WUR formulas (core/sim)', () => {
  it("gives Stull's published wet-bulb check: 20 C, 50 % -> 13.7 C", () => {
    expect(wetBulbStull(20, 50)).to.be.closeTo(13.7, 0.05);
    // Saturated air: the wet bulb is (nearly) the air temperature; drier air cools it more.
    expect(wetBulbStull(25, 99)).to.be.closeTo(25, 0.3);
    expect(wetBulbStull(30, 20)).to.be.below(wetBulbStull(30, 60));
  });

  it('splits global radiation into diffuse by the clearness index', () => {
    const sin30 = 0.5; // sun at 30 degrees: clear-sky reference 1367 * 0.5 = 683.5 W/m2
    expect(diffuseFraction(0.2 * 1367 * sin30, 30)).to.equal(1); // tau 0.2
    expect(diffuseFraction(0.3 * 1367 * sin30, 30)).to.equal(1); // tau 0.3 (still 1)
    expect(diffuseFraction(0.5 * 1367 * sin30, 30)).to.be.closeTo(0.6, 1e-12); // 1.6 - 2 * 0.5
    expect(diffuseFraction(0.7 * 1367 * sin30, 30)).to.be.closeTo(0.2, 1e-12); // tau 0.7
    expect(diffuseFraction(0.9 * 1367 * sin30, 30)).to.equal(0.2);
    expect(diffuseFraction(100, -3)).to.equal(1); // night: all diffuse
    expect(diffuseFraction(0, 40)).to.equal(1);
  });

  it('evaluates the sun and shade formulas as printed (by-hand values)', () => {
    // Inputs chosen for easy arithmetic: u = e (ln u = 1), phi = 30 degrees (sin = 0.5).
    // Sun: -13.26 + 1.25*30 + 0.011*800 - 3.37*1 + 0.078*20 + 0.0055*800*1 + 5.56*0.5
    //      - 0.0103*800*1*0.5 + 0.546*3 + 1.94*0.8
    //    = -13.26 + 37.5 + 8.8 - 3.37 + 1.56 + 4.4 + 2.78 - 4.12 + 1.638 + 1.552 = 37.48
    const sun = petSun({ ta: 30, qgl: 800, u: Math.E, tw: 20, phiDeg: 30, bowen: 3, svf: 0.8 });
    expect(sun).to.be.closeTo(37.48, 1e-9);
    // Shade: -12.14 + 1.25*30 - 1.47*1 + 0.060*20 + 0.015*0.8*200 + 0.0060*0.2*5.67e-8*303.15^4
    //      = -12.14 + 37.5 - 1.47 + 1.2 + 2.4 + 0.57464 (303.15^4 = 8.4456e9) = 28.0646
    const shade = petShade({ ta: 30, u: Math.E, tw: 20, svf: 0.8, qd: 200 });
    expect(shade).to.be.closeTo(28.0646, 1e-4);
    expect(
      Number.isNaN(petSun({ ta: 30, qgl: 800, u: 0, tw: 20, phiDeg: 30, bowen: 3, svf: 1 })),
    ).to.equal(true);
  });

  it('lowers PET in the shade on a sunny day, and petGrid agrees with the point formulas', () => {
    const ta = 30;
    const rh = 40;
    const qgl = 800;
    const u = 2;
    const phi = 55;
    // Four cells: sun/paved, shade/paved, sun/green, shade/green; same SVF.
    const shade = Uint8Array.from([0, 1, 0, 1]);
    const svf = Float32Array.from([0.7, 0.7, 0.7, 0.7]);
    const bowen = Float32Array.from([BOWEN_PAVED, BOWEN_PAVED, BOWEN_GREEN, BOWEN_GREEN]);
    const pet = petGrid({ ta, rh, qgl, u, sunElevationDeg: phi, shade, svf, bowen });
    const tw = wetBulbStull(ta, rh);
    const qd = diffuseFraction(qgl, phi) * qgl;
    const inSun = petSun({ ta, qgl, u, tw, phiDeg: phi, bowen: BOWEN_PAVED, svf: 0.7 });
    const inShade = petShade({ ta, u, tw, svf: Math.fround(0.7), qd });
    expect(pet[0]).to.be.closeTo(inSun, 1e-4);
    expect(pet[1]).to.be.closeTo(inShade, 1e-4);
    expect(pet[1] as number).to.be.below((pet[0] as number) - 5);
    expect(pet[3] as number).to.be.below(pet[2] as number);
    // Green (low Bowen ratio) is cooler in the sun; in the shade the Bowen ratio does not count.
    expect(pet[2] as number).to.be.below(pet[0] as number);
    expect(pet[3]).to.equal(pet[1]);
    // At night every cell takes the shade formula.
    const night = petGrid({ ta: 20, rh: 70, qgl: 0, u, sunElevationDeg: -10, shade, svf, bowen });
    expect(night[0]).to.equal(night[1]);
    expect(night[0]).to.be.closeTo(
      petShade({ ta: 20, u, tw: wetBulbStull(20, 70), svf: Math.fround(0.7), qd: 0 }),
      1e-4,
    );
  });

  it('rises with the air temperature, in sun and shade', () => {
    const shade = Uint8Array.from([0, 1, 0, 1]);
    const svf = Float32Array.from([1, 1, 0.3, 0.3]);
    const bowen = Float32Array.from([3, 3, 0.4, 0.4]);
    const u = Float32Array.from([1, 2, 3, 0.5]);
    let previous: Float32Array | undefined;
    for (let ta = 10; ta <= 40; ta += 2.5) {
      const pet = petGrid({ ta, rh: 50, qgl: 700, u, sunElevationDeg: 50, shade, svf, bowen });
      if (previous) {
        for (let i = 0; i < pet.length; i++)
          expect(pet[i] as number).to.be.above(previous[i] as number);
      }
      previous = pet;
    }
    expect(() =>
      petGrid({ ta: 30, rh: 50, qgl: 700, u: 0, sunElevationDeg: 50, shade, svf, bowen }),
    ).to.throw(RangeError);
    expect(() =>
      petGrid({
        ta: 30,
        rh: 50,
        qgl: 700,
        u: 1,
        sunElevationDeg: 50,
        shade,
        svf: new Float32Array(3),
        bowen,
      }),
    ).to.throw(RangeError);
  });
});
