/**
 * The codebook's tag hierarchy: one row per tag (click to select, arrows to move between rows), with its
 * color and how many units carry it. Drag a row onto another to move it inside, or onto the "top level"
 * strip; keyboard users have the editor's "Move to…" action instead.
 */
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { TagCounts } from '../../../../core/coding';
import type { Tag } from '../../../../core/model';
import { formatNumber } from '../../app/format';

export interface TagNode {
  tag: Tag;
  children: TagNode[];
}

export interface TagTreeProps {
  roots: TagNode[];
  counts: ReadonlyMap<string, TagCounts> | undefined;
  selectedId: string | null;
  onSelect: (tagId: string) => void;
  /** Drop `tagId` inside `parentId` (null = top level). */
  onMove: (tagId: string, parentId: string | null) => void;
  /** Whether `tagId` may go inside `parentId` (not itself or one of its own sub-tags). */
  canMove: (tagId: string, parentId: string | null) => boolean;
}

const DRAG_TYPE = 'application/x-loupe-tag';

export function TagTree({ roots, counts, selectedId, onSelect, onMove, canMove }: TagTreeProps): React.JSX.Element {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);

  const dropProps = (parentId: string | null) => ({
    onDragOver: (e: DragEvent) => {
      if (dragging === null || !canMove(dragging, parentId)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setOver(parentId ?? '');
    },
    onDragLeave: () => setOver((o) => (o === (parentId ?? '') ? null : o)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const id = e.dataTransfer.getData(DRAG_TYPE) || dragging;
      setOver(null);
      setDragging(null);
      if (id && canMove(id, parentId)) onMove(id, parentId);
    },
  });

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const rows = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.tag-row-button')];
    const at = rows.findIndex((r) => r === document.activeElement);
    const next = rows[Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next === undefined) return;
    e.preventDefault();
    next.focus();
    const id = next.dataset.tagId;
    if (id !== undefined) onSelect(id);
  };

  const renderNode = (node: TagNode, depth: number): React.JSX.Element => {
    const c = counts?.get(node.tag.id);
    const figures = node.children.length > 0 ? c?.rollup : c?.direct;
    return (
      <li key={node.tag.id} className={depth === 0 ? 'tag-item tag-root' : 'tag-item'}>
        <div
          className={['tag-row', selectedId === node.tag.id ? 'selected' : '', over === node.tag.id ? 'drop-target' : ''].filter(Boolean).join(' ')}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, node.tag.id);
            e.dataTransfer.effectAllowed = 'move';
            setDragging(node.tag.id);
          }}
          onDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
          {...dropProps(node.tag.id)}
        >
          <span className="drag-handle" aria-hidden="true">
            ⋮⋮
          </span>
          <button type="button" className="tag-row-button" data-tag-id={node.tag.id} aria-current={selectedId === node.tag.id ? 'true' : undefined} onClick={() => onSelect(node.tag.id)}>
            <span className="dot" style={{ background: node.tag.color }} aria-hidden="true" />
            <span className="tag-name">{node.tag.name}</span>
            {node.tag.description === undefined ? null : <span className="tag-desc muted">{node.tag.description}</span>}
          </button>
          <span className="badge num" title={figures === undefined ? undefined : `${figures.units} units · ${figures.participants} participants · ${figures.sources} sources${node.children.length > 0 ? ' (with sub-tags)' : ''}`}>
            {figures === undefined ? '…' : formatNumber(figures.units)}
            <span className="visually-hidden"> units</span>
          </span>
        </div>
        {node.children.length === 0 ? null : <ul className="tag-children">{node.children.map((child) => renderNode(child, depth + 1))}</ul>}
      </li>
    );
  };

  return (
    <div className="tag-tree-wrap">
      <ul className="tag-tree" aria-label="Tags" onKeyDown={onKeyDown}>
        {roots.map((n) => renderNode(n, 0))}
      </ul>
      {dragging === null ? null : (
        <div className={over === '' ? 'top-drop drop-target' : 'top-drop'} {...dropProps(null)}>
          Drop here to move to the top level
        </div>
      )}
    </div>
  );
}

export function buildTree(tags: Iterable<Tag>): TagNode[] {
  const list = [...tags].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const nodes = new Map<string, TagNode>(list.map((tag) => [tag.id, { tag, children: [] }]));
  const roots: TagNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.tag.parentId === undefined ? undefined : nodes.get(node.tag.parentId);
    (parent === undefined || parent === node ? roots : parent.children).push(node);
  }
  return roots;
}
