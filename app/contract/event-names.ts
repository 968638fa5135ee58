/**
 * The names of the events a host pushes, without their schemas (./events.ts):
 * the renderer's boot chunk recognises events by name before TypeBox loads.
 */
export const EVENT_NAMES = ['changes', 'database', 'command', 'query', 'migration', 'sync', 'lease'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isEventName(name: unknown): name is EventName {
  return (EVENT_NAMES as readonly unknown[]).includes(name);
}
