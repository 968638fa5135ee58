/**
 * A transport that calls a host in the same process (tRPC's localLink idea),
 * for tests. Arguments, results and event payloads go through a JSON round
 * trip as they would over WebSocket, and every result, error payload and event
 * payload is checked against the contract's schemas (contract-checks.ts), so a
 * test fails on anything a real transport would not carry or a renderer would
 * not expect.
 */
import { HostError, type Transport } from '../contract/index.js';
import type { Host } from '../host/index.js';
import { checkErrorPayload, checkEventPayload, checkResult } from './contract-checks.js';

export function inProcessTransport(host: Host): Transport {
  return {
    async call(method, args) {
      const answer = viaJson(await host.handle(method, viaJson(args)));
      if (!answer.ok) {
        checkErrorPayload(method, answer.error);
        throw new HostError(answer.error);
      }
      checkResult(method, answer.result);
      return answer.result as never;
    },
    on(event, listener) {
      // A payload outside the contract throws instead of reaching the listener; the host's
      // emitter logs it (the harness's `logged`) and the test waiting for the event fails.
      return host.on(event, (payload) => {
        const received = viaJson(payload);
        checkEventPayload(event, received);
        listener(received);
      });
    },
  };
}

function viaJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
