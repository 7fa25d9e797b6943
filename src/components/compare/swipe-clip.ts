/**
 * Clipping by screen column, for the swipe divider of `<dt-compare>`: a deck.gl layer extension that
 * discards every fragment on the wrong side of a vertical line on the screen.
 *
 * Why the fragment shader and not a scissor, a world-space clip or a second canvas: deck.gl draws
 * interleaved inside MapLibre's render pass (one WebGL context), so per-layer GL state such as a
 * scissor rectangle is MapLibre's state too, and luma.gl sets a scissor per render pass, not per
 * layer. A clip box on the ground (deck.gl's ClipExtension) is a line on the screen only when the view
 * looks straight down: in a pitched view the roof of a building beside the line projects across it.
 * Two maps clipped with CSS cost a second WebGL context and lag a frame behind each other while the
 * camera moves. `gl_FragCoord.x` is the fragment's column in the drawing buffer, whatever the pitch,
 * bearing, terrain or height of the geometry, so the clip follows the divider exactly in 3D, and the
 * picking pass (which runs the same shader) cannot pick what is clipped away.
 */
import { LayerExtension, type Layer } from '@deck.gl/core';

/** Where the divider is, shared by the extensions of both sides and read at every draw. */
export interface SwipeSplit {
  /** Position of the divider from the left edge of the map, 0..1 of its width. */
  position: number;
}

/** Which side of the divider a layer keeps. */
export type SwipeSide = 'left' | 'right';

/** Options of {@link SwipeClipExtension}. */
export interface SwipeClipOptions {
  /** The divider, a mutable object: move it and repaint the map, nothing is rebuilt. */
  split: SwipeSplit;
  /** The side whose fragments are drawn. */
  side: SwipeSide;
}

const uniformBlock = /* glsl */ `\
layout(std140) uniform swipeClipUniforms {
  float splitX;
  float keepLeft;
} swipeClip;
`;

/** The shader module: the divider's column in drawing-buffer pixels, and the side to keep. */
const swipeClipModule = {
  name: 'swipeClip',
  fs: uniformBlock,
  uniformTypes: { splitX: 'f32', keepLeft: 'f32' },
} as const;

interface DrawOptions {
  shaderModuleProps?: { project?: { devicePixelRatio?: number } };
}

/**
 * Draws a layer on one side of the swipe divider only. Both sides share one {@link SwipeSplit}, so
 * moving the divider costs a repaint, not a rebuild. Composite layers (GeoJSON) hand the extension to
 * their sublayers.
 */
export class SwipeClipExtension extends LayerExtension<SwipeClipOptions> {
  static override extensionName = 'SwipeClipExtension';

  constructor(options: SwipeClipOptions) {
    super(options);
  }

  override getShaders(this: Layer, _extension: this): unknown {
    return {
      modules: [swipeClipModule],
      inject: {
        // Before the picking module (order 99): a clipped fragment is neither drawn nor picked.
        'fs:DECKGL_FILTER_COLOR': `
  if ((gl_FragCoord.x < swipeClip.splitX) != (swipeClip.keepLeft > 0.5)) discard;
`,
      },
    };
  }

  override draw(this: Layer, options: DrawOptions, extension: this): void {
    const { split, side } = extension.opts;
    const viewport = this.context.viewport;
    // The drawing buffer is the CSS size times the device pixel ratio (also in the picking pass).
    const ratio =
      options.shaderModuleProps?.project?.devicePixelRatio ??
      this.context.device.getDefaultCanvasContext().cssToDeviceRatio();
    const position = Math.min(1, Math.max(0, split.position));
    this.setShaderModuleProps({
      swipeClip: {
        splitX: (viewport.x + position * viewport.width) * ratio,
        keepLeft: side === 'left' ? 1 : 0,
      },
    });
  }
}

/** The layers drawn on one side of the divider only: clones that carry the clip extension. */
export function clipLayers(layers: Layer[], extension: SwipeClipExtension): Layer[] {
  return layers.map((layer) =>
    layer.clone({ extensions: [...(layer.props.extensions ?? []), extension] }),
  );
}
