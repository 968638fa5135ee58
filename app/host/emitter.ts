/**
 * The host's events, delivered to every subscriber. A listener that throws is
 * logged and does not stop the others (one broken window must not silence the rest).
 */
import type { EventName, HostEvents } from '../contract/index.js';

export type Log = (message: string, error?: unknown) => void;
type Listener<E extends EventName> = (payload: HostEvents[E]) => void;

export class Emitter {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(private readonly log: Log) {}

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const stored = listener as Listener<EventName>;
    set.add(stored);
    return () => void set.delete(stored);
  }

  emit<E extends EventName>(event: E, payload: HostEvents[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        this.log(`a listener of the '${event}' event failed`, error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
