/**
 * A host client that notes every `labels` map an answer carries (records.page,
 * records.get, index.lookup, and any method that adds one) in the label book,
 * whichever part of the window asked: the table's sources, previews and the
 * editor need no code of their own to learn labels.
 */
import type { ArgsOf, MethodName, ResultOf } from '../../../app/contract/index.js';
import type { HostClient } from '../client/connect.js';
import type { LabelBook } from './label-book.js';

export function labellingClient(client: HostClient, book: LabelBook): HostClient {
  const learn = (result: unknown) => {
    const labels = (result as { labels?: unknown } | null)?.labels;
    if (typeof labels === 'object' && labels !== null && !Array.isArray(labels)) book.note(labels as Record<string, string>);
  };
  return {
    kind: client.kind,
    call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      return client.call(method, args).then((result) => {
        learn(result);
        return result;
      });
    },
    peek<M extends MethodName>(method: M, args: ArgsOf<M>): ResultOf<M> | undefined {
      const result = client.peek(method, args);
      learn(result);
      return result;
    },
    on: (event, listener) => client.on(event, listener),
    status: () => client.status(),
    onStatus: (listener) => client.onStatus(listener),
    pathForFile: (file) => client.pathForFile(file),
  };
}
