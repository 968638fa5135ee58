/**
 * The labels the renderer has learnt, by OpaqueKey text: from the `labels`
 * that answers carry (the host resolves the references of a page with it),
 * from holders and search hits, and from records it showed. Bounded; a
 * record named by a change event is forgotten (its label may have changed).
 * Nothing here asks the host for anything.
 */
const LIMIT = 20_000;

export class LabelBook {
  private readonly labels = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  label(text: string): string | undefined {
    return this.labels.get(text);
  }

  /** Learns labels (key text → label); a label already known is refreshed. */
  note(labels: Readonly<Record<string, string>> | undefined): void {
    if (!labels) return;
    let changed = false;
    for (const [text, label] of Object.entries(labels)) {
      if (this.labels.get(text) === label) continue;
      this.labels.delete(text);
      this.labels.set(text, label);
      changed = true;
    }
    if (!changed) return;
    for (const oldest of this.labels.keys()) {
      if (this.labels.size <= LIMIT) break;
      this.labels.delete(oldest);
    }
    this.notify();
  }

  forget(texts: Iterable<string>): void {
    let changed = false;
    for (const text of texts) changed = this.labels.delete(text) || changed;
    if (changed) this.notify();
  }

  clear(): void {
    if (this.labels.size === 0) return;
    this.labels.clear();
    this.notify();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever a label is learnt or forgotten (for useSyncExternalStore). */
  snapshot = (): number => this.version;

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
