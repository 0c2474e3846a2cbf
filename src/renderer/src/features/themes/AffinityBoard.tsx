/**
 * The affinity board of one run: themes as columns of cards. Cards move by drag and drop, or from the
 * keyboard (arrows to walk the board, Space to select, M for "Move to…", Shift+←/→ to move to the next
 * column). Themes can be renamed, merged, split (selected cards → new theme), deleted (cards go to
 * Unclustered) and created by hand; every edit is stored on the Clustering record. A theme can also become
 * a tag on all its members (one undoable step) or an insight draft quoting its representative answers.
 * The notice's Undo takes back the last edit; so do Ctrl/Cmd+Z and Edit › Undo while the board is shown.
 * In reading mode the board can be browsed and its cards selected, not changed.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Clustering } from '../../../../core/model';
import { ConfirmDialog } from '../../app/Dialog';
import { formatCount } from '../../app/format';
import { routeHref } from '../../app/routes';
import { isUnclustered, updateClusters, type BoardCluster } from '../../db/clusterings';
import { createInsight } from '../../db/workspace-data';
import { useCoding } from '../coding/CodingProvider';
import { codingMessage } from '../coding/ops';
import { claimUndo } from '../coding/undo-scope';
import { useReadOnly } from '../sharing/viewer-mode';
import { cardOrder, createCluster, deleteCluster, mergeClusters, moveUnits, renameCluster, splitCluster } from './board-ops';
import { MergeDialog, MoveDialog, ThemeMenu } from './BoardDialogs';
import { allTagged, existingTag, insightDraft, promoteToTag } from './promote';
import { ThemeColumn } from './ThemeColumn';
import { useUnitTexts } from './useUnitTexts';

type BoardDialog = { kind: 'move'; ids: string[] } | { kind: 'merge'; id: string } | { kind: 'delete'; id: string };
interface Notice {
  text: string;
  /** 'coding': the last coding operation (useCoding().undo); a theme list: the board before the last edit. */
  undo?: 'coding' | BoardCluster[];
  link?: { href: string; label: string };
  error?: boolean;
}

export function AffinityBoard({ workspaceId, clustering }: { workspaceId: string; clustering: Clustering }): React.JSX.Element {
  const coding = useCoding();
  const { readOnly, reason } = useReadOnly();
  const texts = useUnitTexts(workspaceId, clustering.id);
  // Edits show at once; the stored record takes over once it has caught up with the last write
  // (`stamp`: the updatedAt that write stored; null while writes are in flight).
  const [pending, setPending] = useState<{ clusters: BoardCluster[]; stamp: string | null } | null>(null);
  const inFlight = useRef(0);
  const clusters: BoardCluster[] = pending !== null && (pending.stamp === null || clustering.updatedAt < pending.stamp) ? pending.clusters : clustering.clusters;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focus, setFocus] = useState<{ id: string; tick: number } | null>(null);
  const [dialog, setDialog] = useState<BoardDialog | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** The last card clicked without Shift: one end of a Shift+click range. */
  const anchorRef = useRef<string | null>(null);

  const columnOf = useMemo(() => {
    const map = new Map<string, number>();
    clusters.forEach((c, i) => c.unitIds.forEach((id) => map.set(id, i)));
    return map;
  }, [clusters]);

  const commit = useCallback(
    (next: BoardCluster[]) => {
      inFlight.current++;
      setPending({ clusters: next, stamp: null });
      updateClusters(workspaceId, clustering.id, next).then(
        (stamp) => {
          if (--inFlight.current === 0) setPending((p) => (p === null ? p : { ...p, stamp }));
        },
        (e: unknown) => {
          inFlight.current--;
          setPending(null);
          setNotice({ text: `The change could not be saved. ${codingMessage(e)}`, error: true });
        },
      );
    },
    [workspaceId, clustering.id],
  );

  /** A board edit the user can take back with the notice's Undo (the last edit only). */
  const edit = (next: BoardCluster[], text: string): void => {
    if (readOnly) return;
    const before = clusters;
    commit(next);
    setNotice({ text, undo: before });
  };

  /** The notice's Undo: the board before its last edit; false when the last thing done was not a board edit. */
  const undoBoardEdit = useCallback((): boolean => {
    if (notice === null || !Array.isArray(notice.undo)) return false;
    commit(notice.undo);
    setNotice({ text: 'Undone.' });
    return true;
  }, [notice, commit]);
  // Ctrl/Cmd+Z and Edit › Undo on the board take back its last edit (otherwise they undo coding as anywhere).
  const undoRef = useRef(undoBoardEdit);
  useEffect(() => {
    undoRef.current = undoBoardEdit;
  }, [undoBoardEdit]);
  useEffect(() => (readOnly ? undefined : claimUndo(() => undoRef.current())), [readOnly]);

  const focusCard = (id: string | undefined): void => {
    if (id !== undefined) setFocus((f) => ({ id, tick: (f?.tick ?? 0) + 1 }));
  };

  const move = (ids: string[], targetId: string): void => {
    const target = clusters.find((c) => c.id === targetId);
    if (target === undefined || ids.length === 0) return;
    edit(moveUnits(clusters, ids, targetId), `Moved ${formatCount(ids.length, 'card')} to ${target.label}.`);
    setSelected(new Set());
    focusCard(ids[0]);
  };

  const chosen = (unitId: string): string[] => (selected.has(unitId) ? [...selected] : [unitId]);

  const onCardKey = (e: KeyboardEvent<HTMLDivElement>, unitId: string, index: number, order: string[]): void => {
    const col = columnOf.get(unitId) ?? 0;
    const neighbour = (dir: 1 | -1): number => {
      for (let c = col + dir; c >= 0 && c < clusters.length; c += dir) if (clusters[c]!.unitIds.length > 0) return c;
      return -1;
    };
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusCard(order[Math.max(0, Math.min(order.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)))]);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusCard(order[e.key === 'Home' ? 0 : order.length - 1]);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const dir = e.key === 'ArrowRight' ? 1 : -1;
      if ((e.shiftKey || e.altKey) && !readOnly) {
        const target = clusters[col + dir];
        if (target !== undefined) move(chosen(unitId), target.id);
        return;
      }
      const c = neighbour(dir);
      if (c < 0) return;
      const other = cardOrder(clusters[c]!);
      focusCard(other[Math.min(index, other.length - 1)]);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      toggle(unitId);
    } else if ((e.key === 'm' || e.key === 'M') && !readOnly) {
      e.preventDefault();
      setDialog({ kind: 'move', ids: chosen(unitId) });
    } else if (e.key === 'Escape' && selected.size > 0) {
      e.preventDefault();
      setSelected(new Set());
    }
  };

  const toggle = (unitId: string): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(unitId)) next.delete(unitId);
      else next.add(unitId);
      return next;
    });

  const onCardClick = (e: MouseEvent<HTMLDivElement>, unitId: string): void => {
    const col = columnOf.get(unitId);
    const anchor = anchorRef.current;
    if (e.shiftKey && anchor !== null && col !== undefined && columnOf.get(anchor) === col) {
      // Shift+click: everything between the last clicked card and this one, in the column's order.
      const order = cardOrder(clusters[col]!);
      const from = Math.min(order.indexOf(anchor), order.indexOf(unitId));
      const to = Math.max(order.indexOf(anchor), order.indexOf(unitId));
      setSelected((s) => new Set([...s, ...order.slice(from, to + 1)]));
    } else {
      toggle(unitId);
      anchorRef.current = unitId;
    }
    focusCard(unitId);
  };

  const promoteTag = async (cluster: BoardCluster): Promise<void> => {
    if (cluster.unitIds.length === 0) return;
    const tagId = existingTag(coding.state, cluster.label);
    if (tagId !== undefined && allTagged(coding.state, tagId, cluster.unitIds)) {
      setNotice({ text: `Every response of “${cluster.label}” already has the tag “${cluster.label}”.`, link: { href: '#/codebook', label: 'Open the codebook' } });
      return;
    }
    try {
      await coding.run(promoteToTag(cluster, coding.coder));
      setNotice({ text: `Tagged ${formatCount(cluster.unitIds.length, 'response')} as “${cluster.label}”.`, undo: 'coding', link: { href: '#/codebook', label: 'Open the codebook' } });
    } catch (e) {
      setNotice({ text: codingMessage(e), error: true });
    }
  };

  const promoteInsight = async (cluster: BoardCluster): Promise<void> => {
    try {
      const insight = await createInsight(workspaceId, insightDraft(clustering, cluster));
      setNotice({ text: `Insight draft “${cluster.label}” created with its representative quotes.`, link: { href: routeHref({ section: 'insights', param: insight.id }), label: 'Open the insight' } });
    } catch (e) {
      setNotice({ text: `The insight could not be saved. ${codingMessage(e)}`, error: true });
    }
  };

  const newTheme = (ids: string[]): void => {
    const made = ids.length > 0 ? splitCluster(clusters, ids, 'New theme') : createCluster(clusters, 'New theme');
    edit(made.clusters, ids.length > 0 ? `Moved ${formatCount(ids.length, 'card')} to a new theme. Name it.` : 'New theme added. Name it.');
    setSelected(new Set());
    setRenaming(made.id);
  };

  const focusedCol = focus === null ? undefined : columnOf.get(focus.id);
  const firstCard = clusters.map(cardOrder).find((o) => o.length > 0)?.[0] ?? null;
  const tabbable = focus !== null && focusedCol !== undefined ? focus.id : firstCard;
  const dialogCluster = dialog !== null && dialog.kind !== 'move' ? clusters.find((c) => c.id === dialog.id) : undefined;
  const moveFrom = dialog?.kind === 'move' ? new Set(dialog.ids.map((id) => columnOf.get(id))) : null;

  return (
    <div className="theme-board-wrap">
      <div className="theme-toolbar" role="toolbar" aria-label="Board">
        <span className="muted num">
          {readOnly ? 'Reading mode: browse the themes; they cannot be changed.' : selected.size === 0 ? 'Click or press Space to select cards (Shift+click for a range); M moves them.' : `${formatCount(selected.size, 'card')} selected`}
        </span>
        <button type="button" className="btn btn-sm" disabled={selected.size === 0 || readOnly} title={reason} onClick={() => setDialog({ kind: 'move', ids: [...selected] })}>
          Move to…
        </button>
        <button type="button" className="btn btn-sm" disabled={selected.size === 0 || readOnly} title={reason} onClick={() => newTheme([...selected])}>
          Split into new theme
        </button>
        <button type="button" className="btn btn-sm btn-ghost" disabled={selected.size === 0} onClick={() => setSelected(new Set())}>
          Clear selection
        </button>
        <span className="theme-notice" role="status" aria-live="polite">
          {notice === null ? null : (
            <span className={notice.error === true ? 'theme-notice-box theme-error' : 'theme-notice-box'}>
              {notice.text}
              {notice.undo === 'coding' ? (
                <button type="button" className="btn btn-sm" onClick={() => void coding.undo().then(() => setNotice({ text: 'Tagging undone.' }))}>
                  Undo
                </button>
              ) : notice.undo !== undefined ? (
                <button type="button" className="btn btn-sm" title="Ctrl+Z / ⌘Z" onClick={() => void undoBoardEdit()}>
                  Undo
                </button>
              ) : null}
              {notice.link === undefined ? null : <a href={notice.link.href}>{notice.link.label}</a>}
            </span>
          )}
        </span>
        <span className="theme-spacer" />
        <button type="button" className="btn btn-sm" disabled={readOnly} title={reason} onClick={() => newTheme([])}>
          New theme
        </button>
      </div>
      <div className="theme-board" role="group" aria-label={`Themes of ${clustering.name}`}>
        {clusters.map((cluster) => (
          <ThemeColumn
            key={cluster.id}
            cluster={cluster}
            texts={texts}
            selected={selected}
            focusId={focus !== null && columnOf.get(focus.id) === clusters.indexOf(cluster) ? focus.id : null}
            focusTick={focus?.tick ?? 0}
            tabbableId={tabbable}
            renaming={renaming === cluster.id}
            onRename={(label) => {
              setRenaming(null);
              if (label !== null && label.trim() !== '' && label.trim() !== cluster.label) edit(renameCluster(clusters, cluster.id, label), `Renamed “${cluster.label}” to “${label.trim()}”.`);
            }}
            onCardKey={onCardKey}
            onCardClick={onCardClick}
            onCardFocus={(id) => setFocus((f) => (f?.id === id ? f : { id, tick: f?.tick ?? 0 }))}
            {...(readOnly ? {} : { onDropUnits: (ids: string[]) => move(ids, cluster.id), dragIds: chosen })}
            actions={
              isUnclustered(cluster) || readOnly ? null : (
                <ThemeMenu
                  themeLabel={cluster.label}
                  items={[
                    { label: 'Rename', onSelect: () => setRenaming(cluster.id) },
                    { label: 'Merge into…', onSelect: () => setDialog({ kind: 'merge', id: cluster.id }) },
                    { label: 'Promote to tag', onSelect: () => void promoteTag(cluster) },
                    { label: 'Promote to insight draft', onSelect: () => void promoteInsight(cluster) },
                    { label: 'Delete theme', onSelect: () => setDialog({ kind: 'delete', id: cluster.id }), danger: true },
                  ]}
                />
              )
            }
          />
        ))}
      </div>
      {dialog?.kind === 'move' ? (
        <MoveDialog
          clusters={clusters}
          count={dialog.ids.length}
          currentId={moveFrom !== null && moveFrom.size === 1 ? (clusters[[...moveFrom][0] ?? -1]?.id ?? null) : null}
          onClose={() => setDialog(null)}
          onMove={(id) => {
            setDialog(null);
            move(dialog.ids, id);
          }}
          onNew={() => {
            setDialog(null);
            newTheme(dialog.ids);
          }}
        />
      ) : null}
      {dialog?.kind === 'merge' && dialogCluster !== undefined ? (
        <MergeDialog
          source={dialogCluster}
          clusters={clusters.filter((c) => !isUnclustered(c))}
          onClose={() => setDialog(null)}
          onMerge={(target) => {
            setDialog(null);
            edit(mergeClusters(clusters, [dialogCluster.id], target), `Merged “${dialogCluster.label}” into “${clusters.find((c) => c.id === target)?.label ?? ''}”.`);
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' && dialogCluster !== undefined ? (
        <ConfirmDialog
          title={`Delete “${dialogCluster.label}”?`}
          confirmLabel="Delete theme"
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            edit(deleteCluster(clusters, dialogCluster.id), `Deleted “${dialogCluster.label}”; its cards are in Unclustered.`);
          }}
        >
          <p>Its {formatCount(dialogCluster.unitIds.length, 'card')} go to Unclustered. Tags and insights made from it stay.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
