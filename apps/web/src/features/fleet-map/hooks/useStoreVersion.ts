import { useEffect, useState } from 'react';
import type { FleetStore } from '../utils/fleet-store';

/**
 * Re-renders at most every `everyMs` while the store changes, and every `tickMs` regardless (so "last seen"
 * and OFFLINE move on by themselves). Tables and panels use this; the canvas is drawn outside React.
 */
export function useStoreVersion(store: FleetStore, everyMs = 500, tickMs = 1_000): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion((v) => v + 1);
      }, everyMs);
    });
    const tick = setInterval(() => setVersion((v) => v + 1), tickMs);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [store, everyMs, tickMs]);
  return version;
}
