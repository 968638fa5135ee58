/**
 * The host contract: everything a renderer may ask a host, with runtime
 * validators (methods.ts), the events hosts push (events.ts), the closed set of
 * error codes (errors.ts) and the message shapes on a transport (wire.ts).
 * Browser-safe: the renderer imports it.
 */
export * from './methods.js';
export * from './events.js';
export * from './errors.js';
export * from './wire.js';
