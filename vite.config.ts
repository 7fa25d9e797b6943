import { defineConfig } from 'vite';

// The dev server serves the examples gallery at / (index.html) from the sources.
export default defineConfig({
  // MapLibre finds its worker next to its own module; pre-bundling would move it.
  optimizeDeps: { exclude: ['maplibre-gl'] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  server: { port: 5173, host: '127.0.0.1' },
});
