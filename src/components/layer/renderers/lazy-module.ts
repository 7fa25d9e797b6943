/**
 * A module loaded on first use, for renderers whose deck.gl layer classes live in big packages
 * (`@deck.gl/geo-layers`, `@deck.gl/mesh-layers`, ...): a page that never draws such a layer never
 * loads them. `get(onReady)` returns the module when loaded; otherwise it starts loading and calls
 * `onReady` once it has (a renderer passes a redraw request).
 */
export function lazyModule<T>(load: () => Promise<T>): (onReady: () => void) => T | undefined {
  let module: T | undefined;
  let loading: Promise<void> | undefined;
  const waiting = new Set<() => void>();
  return (onReady) => {
    if (module) return module;
    waiting.add(onReady);
    loading ??= load().then(
      (loaded) => {
        module = loaded;
        for (const callback of waiting) callback();
        waiting.clear();
      },
      (error: unknown) => {
        loading = undefined;
        console.error('Tweeling: a layer module failed to load', error);
      },
    );
    return undefined;
  };
}
