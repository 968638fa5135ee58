/**
 * The host: the contract's one implementation (see CONTEXT.md).
 */
export { createHost, type Host, type HostAnswer, type HostOptions } from './host.js';
export type { ReplicaTarget } from './open-either.js';
export { fileRecentList, type RecentList } from './recent.js';
