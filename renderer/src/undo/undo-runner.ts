/**
 * One undo or redo step against the host: the batch that reverts the action,
 * in one transaction, and what came of it as a closed outcome. A conflict
 * names the record another writer changed, as it is now, and what the step
 * would have written there: the window shows both and writes nothing.
 */
import type { ResultOf, Transport } from '../../../app/contract/index.js';
import { errorPayload } from '../editor/session/session-actions.js';
import { undoWrites, type UndoAction, type UndoHistory } from './undo-history.js';

export type Direction = 'undo' | 'redo';
type Conflict = Extract<ResultOf<'records.applyWrites'>, { applied: false }>['conflict'];

export type StepOutcome =
  | { readonly type: 'nothing' }
  | { readonly type: 'done'; readonly direction: Direction; readonly action: UndoAction }
  | {
      readonly type: 'conflict';
      readonly direction: Direction;
      readonly action: UndoAction;
      readonly conflict: Conflict;
      /** What the step would have written at the conflicting record; undefined where it would have deleted it. */
      readonly wanted: unknown;
    }
  | { readonly type: 'error'; readonly direction: Direction; readonly action: UndoAction; readonly message: string };

export async function runStep(client: Transport, history: UndoHistory, direction: Direction): Promise<StepOutcome> {
  const action = direction === 'undo' ? history.nextUndo() : history.nextRedo();
  if (!action) return { type: 'nothing' };
  const writes = undoWrites(action.written);
  try {
    const answer = await client.call('records.applyWrites', { writes });
    if (!answer.applied) {
      const wanted = writes.find((w) => w.tree === answer.conflict.tree && JSON.stringify(w.key) === JSON.stringify(answer.conflict.key))?.value;
      return { type: 'conflict', direction, action, conflict: answer.conflict, wanted };
    }
    if (!answer.undoable) {
      // Written, but too many records to list: the step is done and cannot be walked back again.
      history.forget(action);
      return { type: 'done', direction, action };
    }
    if (direction === 'undo') history.undid(action, answer.written);
    else history.redid(action, answer.written);
    return { type: 'done', direction, action };
  } catch (error) {
    return { type: 'error', direction, action, message: errorPayload(error).message };
  }
}
