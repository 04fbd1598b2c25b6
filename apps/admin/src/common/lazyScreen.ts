import { createElement, lazy, type ComponentType } from 'react';

/** A screen in a chunk of its own that can be asked for before React renders it. */
export type PreloadableScreen<P extends object = object> = ComponentType<P> & {
  /** Starts loading the screen's chunk (once); resolves to the screen. */
  preload(): Promise<ComponentType<P>>;
};

/**
 * Like React.lazy, plus `preload()`: the app starts loading the screen the address names while the
 * rest starts up (boot.ts), and a screen already loaded renders at once, without suspending.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): PreloadableScreen<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  const preload = () => {
    loading ??= load().then(
      (screen) => {
        loaded = screen;
        return screen;
      },
      (error: unknown) => {
        // A failed download is tried again on the next render.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(() => preload().then((screen) => ({ default: screen })));
  const Screen = (props: P) => createElement(loaded ?? Lazy, props);
  return Object.assign(Screen, { preload });
}
