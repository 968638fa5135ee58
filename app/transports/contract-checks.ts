/**
 * The contract's schemas compiled once, for a transport that checks what a
 * host sends: results, error payloads and event payloads. Each check throws
 * with the first few offending places when a value is outside the contract.
 */
import { Compile } from 'typebox/compile';
import { EVENT_NAMES, events, HostErrorPayload, METHOD_NAMES, methods, type EventName, type MethodName } from '../contract/index.js';

type Validator = ReturnType<typeof Compile>;

const resultValidators = new Map(METHOD_NAMES.map((name) => [name, Compile(methods[name].result)]));
const eventValidators = new Map(EVENT_NAMES.map((name) => [name, Compile(events[name])]));
const errorValidator = Compile(HostErrorPayload);

export function checkResult(method: MethodName, result: unknown): void {
  check(resultValidators.get(method), result, `host answered ${method} with a result outside the contract`);
}

export function checkErrorPayload(method: MethodName, error: unknown): void {
  check(errorValidator, error, `host answered ${method} with an error payload outside the contract`);
}

export function checkEventPayload(event: EventName, payload: unknown): void {
  check(eventValidators.get(event), payload, `host sent a '${event}' event with a payload outside the contract`);
}

function check(validator: Validator | undefined, value: unknown, what: string): void {
  if (!validator || validator.Check(value)) return;
  const errors = [...validator.Errors(value)].slice(0, 5).map((e) => `${e.instancePath || '(value)'} ${e.message}`);
  throw new Error(`${what}: ${errors.join('; ')}`);
}
