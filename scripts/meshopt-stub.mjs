// The single-file build (dist/tweeling.iife.js) evaluates every module at load, and meshoptimizer's
// decoder compiles WebAssembly as soon as it is evaluated: under a strict CSP (no 'wasm-unsafe-eval')
// that is a violation on every page, whether or not a 3D Tiles layer ever draws. This stub stands in
// for `meshoptimizer/decoder` there: glTF with EXT_meshopt_compression is not read by the IIFE (the ES
// build, whose bundler loads 3D Tiles code lazily, reads it).
const unsupported = () => {
  throw new Error('EXT_meshopt_compression is not supported by tweeling.iife.js; use the ES build');
};

export const MeshoptDecoder = {
  supported: false,
  ready: Promise.resolve(),
  useWorkers() {},
  decodeVertexBuffer: unsupported,
  decodeIndexBuffer: unsupported,
  decodeIndexSequence: unsupported,
  decodeGltfBuffer: unsupported,
  decodeGltfBufferAsync: unsupported,
};

/**
 * A rollup plugin resolving `meshoptimizer/decoder` to this file, and keeping long.js (under
 * @loaders.gl/3d-tiles) from trying its WebAssembly multiply at load: it falls back to plain
 * JavaScript anyway, but the attempt is a CSP violation report on every strict page.
 */
export function meshoptStub() {
  const self = new URL(import.meta.url).pathname;
  return {
    name: 'tweeling-meshopt-stub',
    resolveId(source) {
      return source === 'meshoptimizer/decoder' ? self : null;
    },
    transform(code, id) {
      if (!/node_modules\/long\/index\.js$/.test(id)) return null;
      return {
        code: code.replace(
          'wasm = new WebAssembly.Instance(',
          'wasm = null && new WebAssembly.Instance(',
        ),
        map: null,
      };
    },
  };
}
