/** Event listeners by event name: the shared part of both transports. */
import type { HostEvents } from '../../../app/contract/index.js';
import type { EventName } from '../../../app/contract/event-names.js';
export { isEventName } from '../../../app/contract/event-names.js';

type AnyListener = (payload: never) => void;

export class EventListeners {
  private readonly byEvent = new Map<EventName, Set<AnyListener>>();

  add<E extends EventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    set.add(listener as AnyListener);
    return () => set.delete(listener as AnyListener);
  }

  emit<E extends EventName>(event: E, payload: HostEvents[E]): void {
    for (const listener of this.byEvent.get(event) ?? []) {
      try {
        (listener as (payload: HostEvents[E]) => void)(payload);
      } catch (error) {
        // One failing listener must not stop the others (or the socket's message loop).
        console.error(`listener for '${event}' failed`, error);
      }
    }
  }
}
