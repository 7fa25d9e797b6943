/**
 * Entry of the single-file `<script src="tweeling.iife.js">` build (global `Tweeling`): it points
 * MapLibre at its inlined worker, registers every `dt-*` element and exposes the same API as the
 * ES module. The import order matters: the worker URL is set before the elements are defined.
 */
import './maplibre-worker-blob.js';
import './define.js';

export * from './index.js';
