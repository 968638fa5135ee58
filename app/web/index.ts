/** The web host: the renderer and the host contract over HTTP + WebSocket on 127.0.0.1. */
export { startWebHost, type WebHost, type WebHostOptions } from './web-host.js';
export { contentSecurityPolicy } from './content-security-policy.js';
export { MAX_MESSAGE_BYTES } from './socket-bridge.js';
