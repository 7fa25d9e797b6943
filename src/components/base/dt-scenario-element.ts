import { property } from 'lit/decorators.js';
import { DtDataSourceElement } from './dt-data-source-element.js';

/**
 * The base class of every scenario (flood, rain, heat, a supplier's model). A scenario is a data
 * source whose data are its results, so `<dt-layer source="flood1">` draws them. It names its inputs
 * by data-source id; a subclass implements `load()` as "run the model on the inputs".
 */
export abstract class DtScenarioElement extends DtDataSourceElement {
  /** Id of the elevation (DEM) data source. */
  @property({ reflect: true }) dem: string | null = null;
  /** Id of the surface-model (DSM: ground, buildings and trees) data source, for heat and shade. */
  @property({ reflect: true }) dsm: string | null = null;
  /** Id of the land-cover data source. */
  @property({ reflect: true }) landcover: string | null = null;
  /** Id of the buildings data source. */
  @property({ reflect: true }) buildings: string | null = null;

  /** The input sources this scenario names, resolved through the twin (missing ones left out). */
  protected get inputs(): Record<
    'dem' | 'dsm' | 'landcover' | 'buildings',
    DtDataSourceElement | undefined
  > {
    return {
      dem: this.twin?.source(this.dem),
      dsm: this.twin?.source(this.dsm),
      landcover: this.twin?.source(this.landcover),
      buildings: this.twin?.source(this.buildings),
    };
  }
}
