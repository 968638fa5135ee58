/** The window's undo history, provided by the app (one per window) and read by the editor and the shell. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { UndoHistory, type HistorySnapshot } from './undo-history.js';

export const UndoContext = createContext<UndoHistory>(new UndoHistory());

export function useUndoHistory(): UndoHistory {
  return useContext(UndoContext);
}

export function useUndoSnapshot(): HistorySnapshot {
  const history = useUndoHistory();
  return useSyncExternalStore(history.subscribe, history.snapshot);
}
