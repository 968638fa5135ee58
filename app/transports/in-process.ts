/**
 * A transport that calls a host in the same process (tRPC's localLink idea),
 * for tests. Arguments, results and event payloads go through a JSON round
 * trip as they would over WebSocket, and every result is checked against the
 * contract's result schema, so a test fails on anything a real transport
 * would not carry or a renderer would not expect.
 */
import { Compile } from 'typebox/compile';
import { HostError, METHOD_NAMES, methods, type MethodName, type Transport } from '../contract/index.js';
import type { Host } from '../host/index.js';

const resultValidators = new Map(METHOD_NAMES.map((name) => [name, Compile(methods[name].result)]));

export function inProcessTransport(host: Host): Transport {
  return {
    async call(method, args) {
      const answer = viaJson(await host.handle(method, viaJson(args)));
      if (!answer.ok) throw new HostError(answer.error);
      checkResult(method, answer.result);
      return answer.result as never;
    },
    on(event, listener) {
      return host.on(event, (payload) => listener(viaJson(payload)));
    },
  };
}

function viaJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function checkResult(method: MethodName, result: unknown): void {
  const validator = resultValidators.get(method);
  if (!validator || validator.Check(result)) return;
  const errors = [...validator.Errors(result)].slice(0, 5).map((e) => `${e.instancePath || '(result)'} ${e.message}`);
  throw new Error(`host answered ${method} with a result outside the contract: ${errors.join('; ')}`);
}
