/**
 * A module fetched apart from the app chunk, used without Suspense. React 19
 * holds back content that suspended for up to 300 ms after its fallback shows
 * (it batches reveals), so a lazy() panel opened on a click waited that long
 * whenever its import had not settled within the same render — even when the
 * chunk had been fetched long before. Here a loaded module is kept and read
 * synchronously; until then the caller draws its own placeholder.
 */
import { useEffect, useState } from 'react';

export interface LazyModule<M> {
  /** Starts the fetch (once); later calls share it. */
  preload(): Promise<M>;
  /** The module once loaded (the component re-renders when it arrives), else undefined; fetches it when `wanted`. */
  use(wanted?: boolean): M | undefined;
}

export function lazyModule<M>(load: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined; // a failed fetch (e.g. the host restarted) may be tried again
        throw error;
      },
    ));
  return {
    preload,
    use(wanted = true) {
      const [module, setModule] = useState(() => loaded);
      useEffect(() => {
        if (module !== undefined || !wanted) return;
        let current = true;
        preload().then(
          (next) => current && setModule(() => next),
          (error: unknown) => console.error('a part of the app failed to load', error),
        );
        return () => {
          current = false;
        };
      }, [module, wanted]);
      return module ?? loaded;
    },
  };
}
