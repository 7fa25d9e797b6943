/**
 * For the single-file `<script>` build only: MapLibre's worker is a separate, standalone ES module
 * (`maplibre-gl-worker.mjs`, no imports) that MapLibre normally loads from next to its own module. The
 * IIFE bundle inlines its text and hands MapLibre a blob: URL, so the one script file is all a page
 * needs. MapLibre starts it with `new Worker(url, { type: 'module' })`; a blob: URL has the page's
 * origin, so no cross-origin detour is taken. A page with a Content-Security-Policy must allow
 * `worker-src blob:` for this.
 *
 * This module must be evaluated before any map is created: `iife.ts` imports it first.
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerSource from 'maplibre-gl/dist/maplibre-gl-worker.mjs?raw';

setWorkerUrl(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
