/**
 * Codebook: the tag hierarchy (drag to re-parent), the selected tag's details and counts (units,
 * participants, sources), and the structural actions — create, rename, move, merge, split, delete — each
 * one undoable step through the coding service. Import/export as CSV or REFI-QDA .qdc.
 */
import { useCallback, useMemo, useState } from 'react';
import { ancestorIds, createTag, moveTag, tagCounts, type UnitRef } from '../../../../core/coding';
import { parseUnitId } from '../../../../core/unit-id';
import { noteTagMerged } from '../../db/lineage';
import { getPlatform, type Platform } from '../../platform';
import { useCoding, type CodingOp } from '../coding/CodingProvider';
import { useReadOnly } from '../sharing/viewer-mode';
import { codingMessage } from '../coding/ops';
import { ImportCodebookDialog, exportCodebook, pickCodebook, type PickedCodebook } from './CodebookExchange';
import { DeleteDialog, MergeDialog, MoveDialog, SplitDialog } from './TagDialogs';
import { TagEditor, type TagAction } from './TagEditor';
import { buildTree, TagTree } from './TagTree';
import { useUnitsById } from './useUnitsById';
import './codebook.css';

export interface CodebookViewProps {
  workspaceId: string;
  /** Where exports are saved; defaults to the app's platform. */
  platform?: Platform;
  /** Name for exported files. */
  workspaceName?: string;
}

type Open = { kind: Exclude<TagAction, 'sub-tag'>; tagId: string } | { kind: 'import'; picked: PickedCodebook };

export function CodebookView({ workspaceId, platform = getPlatform(), workspaceName = 'Codebook' }: CodebookViewProps): React.JSX.Element {
  const { state, ready, run } = useCoding();
  const { readOnly, reason } = useReadOnly();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const roots = useMemo(() => buildTree(state.tags.values()), [state.tags]);
  const unitIds = useMemo(() => [...new Set([...state.taggings.values()].map((t) => t.unitId))], [state.taggings]);
  const units = useUnitsById(workspaceId, unitIds);
  const counts = useMemo(() => {
    if (units === undefined) return undefined;
    // Units not loaded (yet) still count for their source, which their id names.
    const refOf = (id: string): UnitRef | undefined => units.get(id) ?? (parseUnitId(id) === null ? undefined : { sourceId: parseUnitId(id)?.sourceId ?? '' });
    return tagCounts({ tags: state.tags, taggings: state.taggings.values(), units: refOf });
  }, [state.tags, state.taggings, units]);

  const attempt = useCallback(
    async (op: CodingOp): Promise<boolean> => {
      setError(null);
      try {
        await run(op);
        return true;
      } catch (e) {
        setError(codingMessage(e));
        return false;
      }
    },
    [run],
  );

  // The merge itself is done (and undoable); this only tells the next save, so failing here must not undo it.
  const noteMerged = useCallback(
    (fromId: string, intoId: string) =>
      noteTagMerged(workspaceId, fromId, intoId).catch((e: unknown) => setError(`Merged. It could not be noted for merging files later: ${codingMessage(e)}`)),
    [workspaceId],
  );

  const addTag = async (parentId?: string): Promise<void> => {
    let id = '';
    const name = parentId === undefined ? newName : uniqueName(state.tags, parentId, 'New tag');
    const ok = await attempt((s) => {
      const op = createTag(s, parentId === undefined ? { name } : { name, parentId });
      id = op.tag.id;
      return op;
    });
    if (!ok) return;
    if (parentId === undefined) setNewName('');
    setSelectedId(id);
  };

  const canMove = useCallback(
    (tagId: string, parentId: string | null) =>
      parentId === null ? state.tags.get(tagId)?.parentId !== undefined : parentId !== tagId && !ancestorIds(state.tags, parentId).includes(tagId) && state.tags.get(tagId)?.parentId !== parentId,
    [state.tags],
  );

  const selected = selectedId === null ? undefined : state.tags.get(selectedId);
  const openTag = open !== null && open.kind !== 'import' ? state.tags.get(open.tagId) : undefined;
  const close = (): void => {
    setOpen(null);
    setError(null);
  };

  if (!ready) return <p className="loading">Loading codebook…</p>;

  return (
    <section className="section codebook" aria-labelledby="codebook-title">
      <div className="section-header">
        <div>
          <h1 id="codebook-title">Codebook</h1>
          <p>{readOnly ? 'The tags used to code passages, grouped by parent.' : 'The tags used to code passages, grouped by parent. Drag a tag onto another to nest it.'}</p>
        </div>
        <div className="codebook-io">
          {readOnly ? null : (
            <button
              type="button"
              className="btn"
              onClick={() =>
                void pickCodebook(document).then(
                  (picked) => picked && setOpen({ kind: 'import', picked }),
                  (e: unknown) => setError(codingMessage(e)),
                )
              }
            >
              Import…
            </button>
          )}
          <button type="button" className="btn btn-ghost" onClick={() => void exportCodebook(platform, state.tags, 'csv', workspaceName).catch((e: unknown) => setError(codingMessage(e)))}>
            Export CSV
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => void exportCodebook(platform, state.tags, 'qdc', workspaceName).catch((e: unknown) => setError(codingMessage(e)))}>
            Export .qdc
          </button>
        </div>
      </div>

      {readOnly ? null : (
        <form
          className="new-tag"
          onSubmit={(e) => {
            e.preventDefault();
            void addTag();
          }}
        >
          <input className="input" aria-label="New tag name" placeholder="New tag name" value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={newName.trim() === ''}>
            Add tag
          </button>
        </form>
      )}
      {error === null ? null : (
        <p role="alert" className="codebook-error">
          {error}
        </p>
      )}

      {roots.length === 0 ? (
        <div className="empty">
          <h2>No tags yet</h2>
          <p>Tags describe what a passage is about (“Pricing”, “Onboarding friction”). Add one above, import a codebook, or create tags while you read.</p>
        </div>
      ) : (
        <div className="codebook-split">
          <TagTree roots={roots} counts={counts} selectedId={selectedId} onSelect={setSelectedId} canMove={readOnly ? neverMove : canMove} onMove={(id, parentId) => void attempt((s) => moveTag(s, id, { parentId }))} />
          {selected === undefined ? (
            <p className="muted codebook-hint">{readOnly ? 'Select a tag to read its notes and counts.' : 'Select a tag to edit its name, color and notes.'}</p>
          ) : (
            <TagEditor
              key={selected.id}
              tag={selected}
              counts={counts?.get(selected.id)}
              hasChildren={[...state.tags.values()].some((t) => t.parentId === selected.id)}
              onRun={attempt}
              readOnlyReason={reason}
              onAction={(action) => (action === 'sub-tag' ? void addTag(selected.id) : setOpen({ kind: action, tagId: selected.id }))}
            />
          )}
        </div>
      )}

      {open?.kind === 'import' ? <ImportCodebookDialog error={error} picked={open.picked} state={state} onRun={attempt} onClose={close} /> : null}
      {openTag !== undefined && open?.kind === 'move' ? <MoveDialog error={error} state={state} tag={openTag} onRun={attempt} onClose={close} /> : null}
      {openTag !== undefined && open?.kind === 'merge' ? <MergeDialog error={error} state={state} tag={openTag} onRun={attempt} onMerged={noteMerged} onClose={close} /> : null}
      {openTag !== undefined && open?.kind === 'split' ? <SplitDialog error={error} state={state} tag={openTag} units={units} onRun={attempt} onClose={close} /> : null}
      {openTag !== undefined && open?.kind === 'delete' ? <DeleteDialog error={error} state={state} tag={openTag} onRun={attempt} onClose={close} /> : null}
    </section>
  );
}

const neverMove = (): boolean => false;

function uniqueName(tags: ReadonlyMap<string, { name: string; parentId?: string }>, parentId: string, base: string): string {
  const taken = new Set([...tags.values()].filter((t) => t.parentId === parentId).map((t) => t.name.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base} ${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
