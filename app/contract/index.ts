/**
 * The host contract: everything a renderer may ask a host, with runtime
 * validators (methods.ts; a replica's sync.* in sync.ts), the events hosts push (events.ts), the closed set
 * of error codes and HostError (errors.ts), the error payload
 * (error-payload.ts), the message shapes on a transport (wire.ts) and the
 * commands the native menu shares with the renderer (commands.ts): TypeBox
 * schemas and plain data. Browser-safe: the renderer imports it.
 */
export * from './methods.js';
export * from './raw.js';
export * from './paths.js';
export * from './sync.js';
export * from './event-names.js';
export * from './events.js';
export * from './errors.js';
export * from './error-payload.js';
export * from './wire.js';
export * from './commands.js';
