// Acme tree points 0.9 (deprecated): the tree tops of an acme-canopy-cover scenario as dots of one
// size. Superseded by nl.acme.tree-canopy, whose layer draws each crown at its measured radius and
// has a legend. Like every store module it imports nothing and uses globalThis.Tweeling only.
const { DtLayerElement, registerMessages, deckLayers, transformer } = globalThis.Tweeling;

registerMessages('en', { 'acme-tree-points.layer': 'Tree tops (Acme, old)' });
registerMessages('nl', { 'acme-tree-points.layer': 'Boomtoppen (Acme, oud)' });

/** `<acme-tree-points-layer source="...">`: one dot per tree top of the source's crown-radius band. */
class AcmeTreePointsLayer extends DtLayerElement {
  get displayName() {
    return this.label ?? this.t('acme-tree-points.layer');
  }

  renderLayers() {
    const grid = this.sourceElement?.bands?.['crown-radius'];
    const points = [];
    if (grid) {
      const toLonLat = transformer(grid.crs, 'EPSG:4326');
      const [x0, dx, , y0, , dy] = grid.geotransform;
      grid.values.forEach((value, i) => {
        if (Number.isNaN(value)) return;
        const col = i % grid.width;
        const row = Math.floor(i / grid.width);
        points.push(toLonLat(x0 + (col + 0.5) * dx, y0 + (row + 0.5) * dy));
      });
    }
    return [
      new deckLayers.ScatterplotLayer({
        id: `${this.layerId}-points`,
        data: points,
        visible: this.visible,
        opacity: this.opacity,
        getPosition: (point) => point,
        getRadius: 4,
        radiusUnits: 'pixels',
        getFillColor: [0, 90, 50, 255],
      }),
    ];
  }
}

AcmeTreePointsLayer.define('acme-tree-points-layer');
