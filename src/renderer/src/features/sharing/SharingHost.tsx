/**
 * Sharing in the shell: the recovery prompt on start, REFI-QDA import/export with their loss reports, the
 * agreement view and the comments panel, reached from menu commands (and the status bar, SharingStatus).
 */
import { useEffect, useRef, useState } from 'react';
import type { LossReport } from '../../../../core/refi/common';
import { recoveryCandidate } from '../../app/bootstrap';
import { AlertDialog, Dialog } from '../../app/Dialog';
import { userMessage } from '../../app/errors';
import { fileNameFor } from '../../app/useWorkspaceFiles';
import type { WorkspaceEntry } from '../../db/workspaces';
import type { MenuCommand, Platform } from '../../platform';
import { CommentsPanel } from '../comments/CommentsPanel';
import { AgreementView } from './AgreementView';
import { LossReportDialog } from './LossReportDialog';
import { RecoveryPrompt } from './RecoveryPrompt';
import { importQdpxFile, pickQdpx, prepareQdcExport, prepareQdpxExport, RefiError } from './refi';

export type SharingDialog =
  | { kind: 'recovery'; workspace: WorkspaceEntry }
  | { kind: 'alert'; title: string; message: string }
  | { kind: 'loss'; title: string; intro: string; loss: LossReport; save?: { bytes: Uint8Array; name: string; filter: { name: string; extensions: string[] } } }
  | { kind: 'agreement' }
  | { kind: 'comments' };

export interface SharingHostProps {
  platform: Platform;
  workspace: WorkspaceEntry;
  onSave: () => void;
}

function baseName(name: string): string {
  return fileNameFor(name).replace(/\.loupe$/, '');
}

export function SharingHost({ platform, workspace, onSave }: SharingHostProps): React.JSX.Element | null {
  const [dialog, setDialog] = useState<SharingDialog | null>(null);
  const close = (): void => setDialog(null);

  // Once per app start: offer recovery for unsaved changes the file does not have.
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    void recoveryCandidate().then((w) => {
      if (w !== undefined) setDialog((d) => d ?? { kind: 'recovery', workspace: w });
    });
  }, []);

  const runRef = useRef<(command: MenuCommand) => void>(() => undefined);
  useEffect(() => {
    runRef.current = (command) => {
      if (command === 'agreement') setDialog({ kind: 'agreement' });
      else if (command === 'comments') setDialog({ kind: 'comments' });
      else if (command === 'import-refi') void importRefi();
      else if (command === 'export-qdpx') void exportQdpx();
      else if (command === 'export-qdc') void exportQdc();
    };
    const importRefi = async (): Promise<void> => {
      const file = await pickQdpx(document);
      if (file === null) return;
      try {
        const { entry, loss } = await importQdpxFile(file);
        setDialog({ kind: 'loss', title: `Imported “${file.name}”`, intro: `The project is now the workspace “${entry.name}”.`, loss });
      } catch (e) {
        setDialog({ kind: 'alert', title: `“${file.name}” can’t be imported`, message: e instanceof RefiError ? e.message : userMessage(e) });
      }
    };
    const exportQdpx = async (): Promise<void> => {
      try {
        const { bytes, loss } = await prepareQdpxExport(workspace.id);
        const name = `${baseName(workspace.name)}.qdpx`;
        setDialog({ kind: 'loss', title: 'Export a REFI-QDA project', intro: `“${name}” can be opened in other QDA tools (ATLAS.ti, MAXQDA, NVivo…).`, loss, save: { bytes, name, filter: { name: 'REFI-QDA project', extensions: ['qdpx'] } } });
      } catch (e) {
        setDialog({ kind: 'alert', title: 'The export failed', message: userMessage(e) });
      }
    };
    const exportQdc = async (): Promise<void> => {
      try {
        const { bytes, tags, codings } = await prepareQdcExport(workspace.id);
        const name = `${baseName(workspace.name)}.qdc`;
        const loss: LossReport = { lost: codings > 0 ? [{ kind: 'workspace', message: 'Codings, sources and insights: a codebook holds only the tags (export a .qdpx project for everything).', count: codings }] : [], notes: [] };
        setDialog({ kind: 'loss', title: 'Export the codebook', intro: `“${name}” holds ${tags} tag${tags === 1 ? '' : 's'} with their hierarchy, colors and descriptions.`, loss, save: { bytes, name, filter: { name: 'REFI-QDA codebook', extensions: ['qdc'] } } });
      } catch (e) {
        setDialog({ kind: 'alert', title: 'The export failed', message: userMessage(e) });
      }
    };
  }, [workspace.id, workspace.name]);
  useEffect(() => platform.onCommand((c) => runRef.current(c)), [platform]);

  if (dialog === null) return null;
  switch (dialog.kind) {
    case 'recovery':
      return <RecoveryPrompt workspace={dialog.workspace} onSave={onSave} onClose={close} />;
    case 'alert':
      return <AlertDialog title={dialog.title} message={dialog.message} onClose={close} />;
    case 'loss': {
      const save = dialog.save;
      return (
        <LossReportDialog
          title={dialog.title}
          intro={dialog.intro}
          loss={dialog.loss}
          onClose={close}
          {...(save === undefined
            ? {}
            : {
                action: {
                  label: `Save .${save.filter.extensions[0] ?? ''}…`,
                  run: () => {
                    close();
                    platform.exportFile({ suggestedName: save.name, bytes: save.bytes, filter: save.filter }).catch((e: unknown) => setDialog({ kind: 'alert', title: 'The export failed', message: userMessage(e) }));
                  },
                },
              })}
        />
      );
    }
    case 'agreement':
      return <AgreementDialog workspaceId={workspace.id} onClose={close} />;
    case 'comments':
      return <CommentsPanel workspaceId={workspace.id} onClose={close} />;
  }
}

export function AgreementDialog({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }): React.JSX.Element {
  return (
    <Dialog
      title="Intercoder agreement"
      wide
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Close
        </button>
      }
    >
      <AgreementView workspaceId={workspaceId} />
    </Dialog>
  );
}
