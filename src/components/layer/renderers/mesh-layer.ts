import {
  Layer,
  phongMaterial,
  picking,
  project32,
  type DefaultProps,
  type GetPickingInfoParams,
  type LayerProps,
  type Material,
  type PickingInfo,
  type UpdateParameters,
} from '@deck.gl/core';
import { Model } from '@luma.gl/engine';
import type { Feature } from 'geojson';

/** The triangles a {@link CityMeshLayer} draws: three vertices per triangle, grouped by feature. */
export interface CityMeshGeometry {
  /** Longitude, latitude (degrees) and height (metres) per vertex. */
  readonly positions: Float64Array;
  /** Unit normal (east, north, up) per vertex. */
  readonly normals: Float32Array;
  /** The feature index of each vertex: what a pick returns and what `highlightedObjectIndex` names. */
  readonly featureIndex: Uint32Array;
  /** Where each feature's vertices start, plus the vertex count at the end. */
  readonly featureStarts: Uint32Array;
}

/** Props of {@link CityMeshLayer}. */
export interface CityMeshLayerProps extends LayerProps {
  /** The mesh to draw (null draws nothing). */
  mesh: CityMeshGeometry | null;
  /** RGBA (0-255) per feature, four bytes each. */
  featureColors: Uint8Array | null;
  /** The features, so a pick's `object` is the feature (optional). */
  features?: readonly Feature[];
  /** Lighting material (deck.gl phong material). */
  material?: Material;
}

const vs = /* glsl */ `#version 300 es
#define SHADER_NAME city-mesh-layer-vs
in vec3 positions;
in vec3 positions64Low;
in vec3 normals;
in vec4 colors;
in float rowIndexes;
out vec4 vColor;
out vec3 vNormal;
out vec4 vPosition;
out vec3 vCameraPosition;
void main(void) {
  vCameraPosition = project.cameraPosition;
  geometry.worldPosition = positions;
  geometry.pickingColor = picking_getPickingColorFromIndex(rowIndexes);
  vNormal = project_normal(normals);
  geometry.normal = vNormal;
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.0), vPosition);
  geometry.position = vPosition;
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  vColor = colors;
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = /* glsl */ `#version 300 es
#define SHADER_NAME city-mesh-layer-fs
precision highp float;
in vec4 vColor;
in vec3 vNormal;
in vec4 vPosition;
in vec3 vCameraPosition;
out vec4 fragColor;
void main(void) {
  vec3 lit = lighting_getLightColor(vColor.rgb, vCameraPosition, vPosition.xyz, normalize(vNormal));
  fragColor = vec4(lit, vColor.a * layer.opacity);
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

const defaultProps: DefaultProps<CityMeshLayerProps> = {
  mesh: { type: 'object', value: null, compare: false },
  featureColors: { type: 'object', value: null, compare: false },
  features: { type: 'object', value: [], compare: false },
  material: true,
};

/**
 * One triangle mesh with many pickable objects (a CityJSON file's buildings): per-vertex WGS 84
 * positions (64-bit, so roofs sit to the centimetre), flat normals, a colour per feature and
 * picking and highlighting by feature index. deck.gl has no built-in layer for this: SimpleMeshLayer
 * draws one object per instance, SolidPolygonLayer re-tessellates on the main thread.
 */
export class CityMeshLayer extends Layer<Required<CityMeshLayerProps>> {
  static override layerName = 'CityMeshLayer';
  static override defaultProps = defaultProps;

  declare state: { model?: Model; numInstances: number };

  override getShaders(): ReturnType<Layer['getShaders']> {
    return super.getShaders({ vs, fs, modules: [project32, phongMaterial, picking] });
  }

  override initializeState(): void {
    const noAlloc = true;
    this.getAttributeManager()?.add({
      positions: {
        size: 3,
        type: 'float64',
        fp64: this.use64bitPositions(),
        noAlloc,
        update: (attribute) => {
          attribute.value = this.props.mesh?.positions ?? new Float64Array(0);
        },
      },
      normals: {
        size: 3,
        type: 'float32',
        noAlloc,
        update: (attribute) => {
          attribute.value = this.props.mesh?.normals ?? new Float32Array(0);
        },
      },
      colors: {
        size: 4,
        type: 'unorm8',
        noAlloc,
        update: (attribute) => {
          attribute.value = this.vertexColors();
        },
      },
      rowIndexes: {
        size: 1,
        type: 'uint32',
        noAlloc,
        update: (attribute) => {
          attribute.value = this.props.mesh?.featureIndex ?? new Uint32Array(0);
          // Lets deck.gl find a feature's vertices (multi-object picking disables them by range).
          attribute.startIndices = this.props.mesh?.featureStarts ?? null;
        },
      },
    });
    this.setState({ numInstances: 0 });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    const { props, oldProps, changeFlags } = params;
    const attributes = this.getAttributeManager();
    if (!this.state.model || changeFlags.extensionsChanged) {
      this.state.model?.destroy();
      this.setState({ model: this.createModel() });
      attributes?.invalidateAll();
    }
    if (props.mesh !== oldProps.mesh) {
      this.setState({ numInstances: (props.mesh?.positions.length ?? 0) / 3 });
      attributes?.invalidateAll();
    } else if (props.featureColors !== oldProps.featureColors) {
      attributes?.invalidate('colors');
    }
  }

  override getPickingInfo({ info }: GetPickingInfoParams): PickingInfo {
    if (info.index >= 0) info.object = this.props.features[info.index];
    return info;
  }

  override draw(): void {
    const { model } = this.state;
    if (!model || this.state.numInstances === 0) return;
    model.setVertexCount(this.state.numInstances);
    model.draw(this.context.renderPass);
  }

  override finalizeState(context: Parameters<Layer['finalizeState']>[0]): void {
    super.finalizeState(context);
    this.state.model?.destroy();
  }

  private createModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: this.getAttributeManager()?.getBufferLayouts() ?? [],
      topology: 'triangle-list',
      vertexCount: 0,
    });
  }

  /** The colour of each vertex: its feature's. */
  private vertexColors(): Uint8ClampedArray {
    const { mesh, featureColors } = this.props;
    // Uint8ClampedArray: deck.gl's type for normalised 8-bit attributes (no conversion, no warning).
    if (!mesh) return new Uint8ClampedArray(0);
    const out = new Uint8ClampedArray(mesh.featureIndex.length * 4);
    if (!featureColors) return out.fill(255);
    for (let v = 0; v < mesh.featureIndex.length; v++) {
      const f = (mesh.featureIndex[v] ?? 0) * 4;
      out[v * 4] = featureColors[f] ?? 0;
      out[v * 4 + 1] = featureColors[f + 1] ?? 0;
      out[v * 4 + 2] = featureColors[f + 2] ?? 0;
      out[v * 4 + 3] = featureColors[f + 3] ?? 255;
    }
    return out;
  }
}
