/** React view of the navigation history, plus the mouse back/forward buttons. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { NavigationHistory, type HistorySnapshot } from './history.js';

export function useNavigation(): { history: NavigationHistory; snapshot: HistorySnapshot } {
  const [history] = useState(() => new NavigationHistory());
  const snapshot = useSyncExternalStore(history.subscribe, history.get);
  useMouseNavigation(history);
  return { history, snapshot };
}

/** Mouse buttons 3 and 4 (the thumb buttons) go back and forward, as in browsers and file managers. */
function useMouseNavigation(history: NavigationHistory): void {
  useEffect(() => {
    const onMouseUp = (event: MouseEvent) => {
      if (event.button === 3) history.back();
      else if (event.button === 4) history.forward();
      else return;
      event.preventDefault();
    };
    // Keep the browser from also acting on them (a web page's own history).
    const swallow = (event: MouseEvent) => {
      if (event.button === 3 || event.button === 4) event.preventDefault();
    };
    window.addEventListener('mouseup', onMouseUp);
    window.addEventListener('auxclick', swallow);
    window.addEventListener('mousedown', swallow);
    return () => {
      window.removeEventListener('mouseup', onMouseUp);
      window.removeEventListener('auxclick', swallow);
      window.removeEventListener('mousedown', swallow);
    };
  }, [history]);
}
