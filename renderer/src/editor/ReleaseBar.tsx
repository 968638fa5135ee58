/**
 * A versioned record's release state above its editor: Released (at which
 * revision) or Draft, its version and lifecycle number, and the actions
 * Release, Set lifecycle… and New version. The panel re-reads the record on
 * the change event a write makes, so the bar shows what the host answered.
 */
import { useState, type JSX } from 'react';
import type { RecordEntry, Transport } from '../../../app/contract/index.js';
import { newVersion, parseLifecycle, releaseRecord, releasedReason, setLifecycle, versionOf, type ReleaseOutcome } from './session/release-actions.js';

export interface ReleaseBarProps {
  readonly client: Transport;
  readonly tree: string;
  readonly entry: RecordEntry;
  /** Why writes are off (read-only), if they are. */
  readonly readOnlyWhy: string | undefined;
  /** Why releases and lifecycle numbers are set elsewhere (a replica: on its server's database), if they are. */
  readonly releaseElsewhere?: string | undefined;
  /** The editor holds unsaved edits: releasing or copying now would leave them behind. */
  readonly dirty: boolean;
  /** Opens a record by its OpaqueKey text (the new version). */
  readonly onOpen: (text: string) => void;
}

type Step = null | 'confirm-release' | 'lifecycle';

export function ReleaseBar({ client, tree, entry, readOnlyWhy, releaseElsewhere, dirty, onOpen }: ReleaseBarProps): JSX.Element {
  const [step, setStep] = useState<Step>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const release = entry.release ?? { released: false, lifecycle: 0 };
  const reason = releasedReason(entry);
  const off = readOnlyWhy ?? (busy ? 'Working…' : undefined);
  const offWhileDirty = off ?? (dirty ? 'Save or revert your edits first' : undefined);
  const releaseOff = offWhileDirty ?? releaseElsewhere;
  const lifecycleOff = off ?? releaseElsewhere;

  const run = async (work: () => Promise<ReleaseOutcome>, after?: (entry: RecordEntry) => void) => {
    setBusy(true);
    setMessage(undefined);
    const result = await work();
    setBusy(false);
    if (result.type === 'error') return setMessage(result.message);
    setStep(null);
    after?.(result.entry);
  };

  return (
    <div className="release-bar" data-testid="release-bar" data-released={release.released ? 'true' : 'false'}>
      <div className="release-facts">
        {release.released ? (
          <span className="release-badge released" data-testid="release-badge" data-state="released" title={reason}>
            Released{release.releasedAt === undefined ? '' : ` · rev ${release.releasedAt}`}
          </span>
        ) : (
          <span className="release-badge draft" data-testid="release-badge" data-state="draft" title="A draft: it can be edited, then released">
            Draft
          </span>
        )}
        <span data-testid="record-version">Version {versionOf(entry) ?? '?'}</span>
        <span className="muted" aria-hidden="true">·</span>
        <span data-testid="record-lifecycle" data-lifecycle={release.lifecycle} title="The application's lifecycle number (settable even when released)">
          Lifecycle {release.lifecycle}
        </span>
        <span className="release-actions">
          {release.released ? null : (
            <button type="button" data-testid="release-record" disabled={releaseOff !== undefined} title={releaseOff ?? 'Make this version final: it can never change again'} onClick={() => setStep('confirm-release')}>
              Release…
            </button>
          )}
          <button type="button" data-testid="set-lifecycle" disabled={lifecycleOff !== undefined} title={lifecycleOff ?? 'Set the lifecycle number'} onClick={() => setStep(step === 'lifecycle' ? null : 'lifecycle')}>
            Set lifecycle…
          </button>
          <button
            type="button"
            data-testid="new-version"
            disabled={offWhileDirty !== undefined}
            title={offWhileDirty ?? 'Copy this version into the next one, as a draft to edit'}
            onClick={() => void run(() => newVersion(client, tree, entry.key), (made) => onOpen(made.text))}
          >
            New version
          </button>
        </span>
      </div>
      {reason ? (
        <p className="release-reason" data-testid="released-reason">
          {reason}
        </p>
      ) : null}
      {step === 'confirm-release' ? (
        <div className="release-step" data-testid="release-confirm" role="group" aria-label="Release">
          Release {entry.text}? A released record never changes again; later edits go into a new version.{' '}
          <button type="button" data-testid="release-confirm-yes" disabled={busy} onClick={() => void run(() => releaseRecord(client, tree, entry))}>
            Release
          </button>
          <button type="button" onClick={() => setStep(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {step === 'lifecycle' ? (
        <LifecycleField initial={release.lifecycle} busy={busy} onCancel={() => setStep(null)} onSet={(n) => void run(() => setLifecycle(client, tree, entry, n))} onProblem={setMessage} />
      ) : null}
      {message ? (
        <p className="release-message" data-testid="release-message" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function LifecycleField(props: { initial: number; busy: boolean; onSet: (lifecycle: number) => void; onCancel: () => void; onProblem: (message: string) => void }): JSX.Element {
  const [text, setText] = useState(String(props.initial));
  const submit = () => {
    const parsed = parseLifecycle(text);
    if ('error' in parsed) props.onProblem(parsed.error);
    else props.onSet(parsed.lifecycle);
  };
  return (
    <form
      className="release-step"
      data-testid="lifecycle-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label>
        Lifecycle number{' '}
        <input
          type="number"
          min={0}
          step={1}
          data-testid="lifecycle-input"
          value={text}
          autoFocus
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            props.onCancel();
          }}
        />
      </label>{' '}
      <button type="submit" data-testid="lifecycle-apply" disabled={props.busy}>
        Set
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}
