/**
 * The desktop transport: the preload's `window.trellis` bridge. IPC cannot
 * drop, so its status is always 'connected'.
 */
import { HostError } from '../../../app/contract/errors.js';
import type { ArgsOf, EventName, HostErrorPayload, HostEvents, MethodName, PreloadBridge, ResultOf } from '../../../app/contract/index.js';
import type { Connection } from './host-client.js';

type BridgeAnswer<M extends MethodName> = { ok: true; result: ResultOf<M> } | { ok: false; error: HostErrorPayload };

export function electronClient(bridge: PreloadBridge): Connection {
  return {
    kind: 'desktop',
    async call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      const answer = (await bridge.invoke(method, args)) as BridgeAnswer<M>;
      if (answer.ok) return answer.result;
      throw new HostError(answer.error);
    },
    on<E extends EventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
      return bridge.on(event, (payload) => listener(payload as HostEvents[E]));
    },
    status: () => 'connected',
    onStatus: () => () => undefined,
    pathForFile: (file) => bridge.pathForFile(file),
  };
}
