import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import { BGT_COLORS } from '../../src/core/style/basemap.js';
import { parseColor } from '../../src/core/style/color.js';
import { captureFrame, colorDistance, countPixels } from '../helpers/frame.js';
import { interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

// The whole shipped area seen from straight above, panel closed so nothing covers the map.
const topDown = html`<dt-twin
  style=${TWIN_SIZE}
  center="4.3658,52.0122"
  zoom="16.4"
  pitch="0"
  bearing="0"
  lang="en"
></dt-twin>`;

describe('<dt-twin> with no children: the default Delft twin', () => {
  it('draws at least 95% of the 160 buildings in their layer colour, seen from above', async () => {
    const { twin, map } = await mountTwin(topDown);
    twin.panelOpen = false;
    await twin.updateComplete;
    const [layer] = twin.controller.layers as DtLayer[];
    const features = layer?.sourceElement?.data?.features ?? [];
    expect(features.length).to.equal(160);

    const frame = await captureFrame(map);
    const project = projector(map);
    let matching = 0;
    const misses: string[] = [];
    for (const feature of features) {
      const [lon, lat] = interiorPoint(feature);
      const [x, y] = project(lon, lat, layer?.elevationOf(feature) ?? 0);
      const pixel = frame.at(x, y);
      const expected = layer?.colorOf(feature) ?? [0, 0, 0, 0];
      if (pixel && colorDistance(pixel, expected) <= 10) matching++;
      else misses.push(`${feature.properties?.identificatiebagpnd}: ${pixel} vs ${expected}`);
    }
    expect(matching / features.length, misses.slice(0, 5).join('; ')).to.be.at.least(0.95);
  });

  it('draws at least 4 distinct BGT land-cover colours on the basemap', async () => {
    const { twin, map } = await mountTwin(topDown);
    twin.panelOpen = false;
    await twin.updateComplete;
    const frame = await captureFrame(map);
    const drawn = Object.entries(BGT_COLORS).filter(
      ([, css]) => countPixels(frame, parseColor(css) ?? [0, 0, 0, 0], 2) > 200,
    );
    expect(drawn.map(([name]) => name).length, drawn.map(([n]) => n).join(', ')).to.be.at.least(4);
  });
});
