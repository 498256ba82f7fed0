import { Layer, picking, project32, type DefaultProps, type LayerProps, type UpdateParameters } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';
import type { ShaderModule } from '@luma.gl/shadertools';

/**
 * Many small dots of one size, each a single GL point: one vertex per dot, no instancing, a
 * plain shader. ScatterplotLayer draws every dot as an instanced, antialiased quad; with software
 * WebGL (Mesa llvmpipe) that made each frame of 138,000 villages cost about 350 ms, most of the
 * first map's time. Picking works as in deck's own layers (the dot's index is its colour in the
 * picking pass).
 */
export interface DotLayerProps {
  /** dot radius in CSS pixels (drawn as a square of twice that, in device pixels) */
  radiusPixels?: number;
}

type DotUniforms = { radiusPixels: number };

const uniformBlock = /* glsl */ `\
layout(std140) uniform dotsUniforms {
  float radiusPixels;
} dots;
`;

const dotUniforms = {
  name: 'dots',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: { radiusPixels: 'f32' },
} as const satisfies ShaderModule<DotUniforms>;

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME dot-layer-vertex-shader
in vec3 positions;
in vec3 positions64Low;
in vec4 colors;
out vec4 vColor;
void main(void) {
  geometry.worldPosition = positions;
  geometry.pickingColor = picking_getPickingColorFromIndex(float(gl_VertexID));
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  gl_PointSize = max(1.0, 2.0 * dots.radiusPixels * project.devicePixelRatio);
  vColor = vec4(colors.rgb, colors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME dot-layer-fragment-shader
precision highp float;
in vec4 vColor;
out vec4 fragColor;
void main(void) {
  // round dots once they are large enough for the corners to show
  vec2 d = gl_PointCoord * 2.0 - 1.0;
  if (dots.radiusPixels >= 2.0 && dot(d, d) > 1.0) discard;
  fragColor = vColor;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

const defaultProps: DefaultProps<DotLayerProps> = {
  radiusPixels: { type: 'number', min: 0, value: 1.5 },
};

type Props = Required<DotLayerProps> & LayerProps;

export class DotLayer<ExtraProps extends object = object> extends Layer<ExtraProps & Required<DotLayerProps>> {
  static override layerName = 'DotLayer';
  static override defaultProps = defaultProps;
  declare state: { model?: Model };

  override getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, picking, dotUniforms] });
  }

  override initializeState(): void {
    // per vertex, not per instance: one vertex is one dot. The accessors' names are those of
    // ScatterplotLayer, so binary data ({length, attributes: {getPosition, getFillColor}}) fits both.
    this.getAttributeManager()!.add({
      positions: { size: 3, type: 'float64', fp64: this.use64bitPositions(), accessor: 'getPosition' },
      colors: { size: 4, type: 'unorm8', accessor: 'getFillColor', defaultValue: [0, 0, 0, 255] },
    });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    if (params.changeFlags.extensionsChanged || !this.state.model) {
      this.state.model?.destroy();
      this.state.model = new Model(this.context.device, {
        ...this.getShaders(),
        id: this.props.id,
        bufferLayout: this.getAttributeManager()!.getBufferLayouts(),
        topology: 'point-list',
        isInstanced: false,
        vertexCount: 0,
      });
      this.getAttributeManager()!.invalidateAll();
    }
  }

  override draw(): void {
    const model = this.state.model!;
    model.setVertexCount(this.getNumInstances());
    model.shaderInputs.setProps({ dots: { radiusPixels: (this.props as Props).radiusPixels } });
    model.draw(this.context.renderPass);
  }
}
