import { html } from 'lit';
import { DELFT_ATTRIBUTION } from '../../core/style/basemap.js';
import { DELFT_DATA } from '../../default-data.js';

/**
 * What an empty `<dt-twin>` shows: the shipped Delft buildings, extruded to their height above ground
 * (AHN roof height, 70th percentile, minus ground level) and coloured by roof height.
 */
export const defaultContent = (label: string) =>
  html`<dt-data-source
      id="panden"
      type="geojson"
      src=${DELFT_DATA.buildings}
      attribution=${DELFT_ATTRIBUTION}
    ></dt-data-source>
    <dt-layer
      source="panden"
      type="extrusion"
      height="ahn3_h_dak_70p"
      base="ahn3_h_maaiveld"
      color-by="ahn3_h_dak_70p"
      name-by="identificatiebagpnd"
      label=${label}
    ></dt-layer>`;
