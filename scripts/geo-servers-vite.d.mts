import type { Plugin } from 'vite';

/** Starts the loopback geo servers with the dev server and proxies them under /geo/. */
export function geoServersVite(): Promise<Plugin>;
