/**
 * Whether any editor holds an edit that is not saved, so that leaving the
 * record (another row, Escape, a followed link, back/forward, reload) can ask
 * before throwing it away. The editor reports; navigation asks.
 */

const dirtyOwners = new Set<string>();

/** Called by an editor whenever its dirty state changes (and with false on unmount). */
export function reportUnsaved(owner: string, dirty: boolean): void {
  if (dirty) dirtyOwners.add(owner);
  else dirtyOwners.delete(owner);
}

export function hasUnsavedEdits(): boolean {
  return dirtyOwners.size > 0;
}

/**
 * True when navigation may go on: nothing is unsaved, or the user agreed to
 * discard it. Agreeing forgets the edit's report, so one answer is asked once.
 */
export function confirmDiscardUnsaved(ask: (message: string) => boolean = (m) => window.confirm(m)): boolean {
  if (dirtyOwners.size === 0) return true;
  if (!ask('This record has unsaved changes. Discard them?')) return false;
  dirtyOwners.clear();
  return true;
}

/** For the page's beforeunload handler: a reload or closing the tab asks too. */
export function installUnloadGuard(): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (dirtyOwners.size === 0) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
