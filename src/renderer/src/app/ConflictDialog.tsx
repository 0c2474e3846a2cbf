/**
 * Opening a file whose workspace is already on this computer: merge it into the local copy, open it as a
 * separate copy, or cancel. Never silent, never an overwrite. Merging is three-way against the version both
 * copies share (db/lineage), shows its counts and conflicts, and is applied in one transaction.
 */
import { useCallback, useState } from 'react';
import type { MergeResult, Side } from '../../../core/merge/merge';
import { applyMerge, planMerge, type MergePlan } from '../db/lineage';
import type { WorkspaceEntry } from '../db/workspaces';
import { AgreementView, codersOf } from '../features/sharing/AgreementView';
import { MergeView, useMergePreview } from '../features/sharing/MergeView';
import type { WorkspaceSnapshot } from '../../../core/model';
import { Dialog } from './Dialog';
import { userMessage } from './errors';
import { formatRelative } from './format';

export interface ConflictDialogProps {
  fileName: string;
  existing: WorkspaceEntry;
  /** The file as read, and its decoded workspace. */
  bytes: Uint8Array;
  snapshot: WorkspaceSnapshot;
  appVersion: string;
  onCopy: () => void;
  onCancel: () => void;
  /** After a merge was stored (the dialog stays open to report it). */
  onMerged?: () => void;
}

type Step = { kind: 'choose' } | { kind: 'planning' } | { kind: 'merge'; plan: MergePlan } | { kind: 'done'; result: MergeResult; coders: number } | { kind: 'agreement' };

export function ConflictDialog(props: ConflictDialogProps): React.JSX.Element {
  const { fileName, existing, bytes, snapshot, onCopy, onCancel } = props;
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);

  const startMerge = useCallback(() => {
    setStep({ kind: 'planning' });
    planMerge(existing.id, { name: fileName, bytes }, snapshot).then(
      (plan) => setStep({ kind: 'merge', plan }),
      (e: unknown) => {
        setError(userMessage(e));
        setStep({ kind: 'choose' });
      },
    );
  }, [existing.id, fileName, bytes, snapshot]);

  if (step.kind === 'merge') {
    return <MergeStep {...props} plan={step.plan} onDone={(result) => setStep({ kind: 'done', result, coders: codersOf(result.snapshot).length })} />;
  }
  if (step.kind === 'done') {
    const conflicts = step.result.conflicts.length;
    return (
      <Dialog
        title="Merged"
        onClose={onCancel}
        footer={
          <>
            {step.coders >= 2 ? (
              <button type="button" className="btn footer-left" onClick={() => setStep({ kind: 'agreement' })}>
                Compare coders…
              </button>
            ) : null}
            <button type="button" className="btn btn-primary" onClick={onCancel} autoFocus>
              Done
            </button>
          </>
        }
      >
        <p>
          “{fileName}” was merged into “{existing.name}”{conflicts > 0 ? `, with ${conflicts} conflict${conflicts === 1 ? '' : 's'} resolved as you chose` : ''}.
        </p>
        <p className="muted">The merged workspace is not in a file yet: Save to write it.</p>
      </Dialog>
    );
  }
  if (step.kind === 'agreement') {
    return (
      <Dialog
        title="Intercoder agreement"
        wide
        onClose={onCancel}
        footer={
          <button type="button" className="btn btn-primary" onClick={onCancel} autoFocus>
            Close
          </button>
        }
      >
        <AgreementView workspaceId={existing.id} />
      </Dialog>
    );
  }
  return (
    <Dialog
      title="This workspace is already on this computer"
      role="alertdialog"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn footer-left" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn" onClick={onCopy}>
            Open as a copy
          </button>
          <button type="button" className="btn btn-primary" onClick={startMerge} disabled={step.kind === 'planning'} autoFocus>
            {step.kind === 'planning' ? 'Comparing…' : 'Merge…'}
          </button>
        </>
      }
    >
      <p>
        “{fileName}” holds the workspace “{existing.name}”, which you already have here (last opened {formatRelative(existing.lastOpenedAt)}).
      </p>
      <p>
        {existing.dirty ? 'Your local copy has changes that were not saved to a file. ' : ''}
        Merge the file into your copy (you will see what changes and choose where both changed the same thing), or open the file as a separate copy and keep both.
      </p>
      {error === null ? null : (
        <p role="alert" className="merge-warning">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function MergeStep({ fileName, existing, appVersion, onCancel, onMerged, plan, onDone }: ConflictDialogProps & { plan: MergePlan; onDone: (result: MergeResult) => void }): React.JSX.Element {
  const [resolutions, setResolutions] = useState<Readonly<Record<string, Side>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const result = useMergePreview(plan, resolutions);
  const onPick = useCallback((key: string, side: Side) => setResolutions((r) => ({ ...r, [key]: side })), []);

  const merge = (): void => {
    setBusy(true);
    applyMerge(plan, resolutions, appVersion).then(
      (stored) => {
        onMerged?.();
        onDone(stored);
      },
      (e: unknown) => {
        setBusy(false);
        setError(userMessage(e));
      },
    );
  };

  return (
    <Dialog
      title={`Merge “${fileName}” into “${existing.name}”`}
      wide
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn footer-left" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={merge} disabled={busy}>
            {busy ? 'Merging…' : 'Merge'}
          </button>
        </>
      }
    >
      <MergeView plan={plan} result={result} resolutions={resolutions} onPick={onPick} />
      {error === null ? null : (
        <p role="alert" className="merge-warning">
          The merge was not stored: {error}
        </p>
      )}
    </Dialog>
  );
}
