import { AmbientLight, DirectionalLight, LightingEffect } from '@deck.gl/core';

/**
 * Lighting for extrusions, chosen so that a roof seen from above shows exactly its legend colour,
 * while walls are shaded by which way they face: ambient 0.4 plus a sun 53 degrees above the horizon
 * in the south-east whose straight-down share is 0.8, with diffuse 0.75, gives 0.4 + 0.75 * 0.8 = 1.0
 * on every flat roof. Walls facing the sun get up to 0.85, walls facing away 0.4.
 */
export const ROOF_TRUE_MATERIAL = {
  ambient: 0.4,
  diffuse: 0.75,
  shininess: 1,
  specularColor: [0, 0, 0] as [number, number, number],
};

export function createLighting(): LightingEffect {
  return new LightingEffect({
    ambient: new AmbientLight({ color: [255, 255, 255], intensity: 1 }),
    sun: new DirectionalLight({
      color: [255, 255, 255],
      intensity: 1,
      direction: [-0.36, 0.48, -0.8],
    }),
  });
}
