import { defineConfig } from 'vite';
import { storePackagesVite } from './scripts/store-packages-raw.mjs';
import { geoServersVite } from './scripts/geo-servers-vite.mjs';

// The dev server serves the examples gallery at / (index.html) from the sources.
export default defineConfig({
  // Store package modules byte for byte: their SHA-384 is pinned in their store entry.
  // MapServer/MapCache on loopback under /geo/ (OGC API, WMS, WMTS examples), when installed.
  plugins: [storePackagesVite(), geoServersVite()],
  // MapLibre finds its worker next to its own module; pre-bundling would move it.
  // The worker imports loaders.gl lazily: pre-bundled up front so its first import does not fail
  // while vite re-optimizes.
  optimizeDeps: { exclude: ['maplibre-gl'], include: ['@loaders.gl/core', '@loaders.gl/las'] },
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    // Vue's compile-time flags (the Vue example uses render functions, no SFC plugin).
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  server: { port: 5173, host: '127.0.0.1' },
});
