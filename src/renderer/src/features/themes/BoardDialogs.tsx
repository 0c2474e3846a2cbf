/** The board's small dialogs and menus: "Move to…", "Merge into…", and a theme's actions menu. */
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../app/Dialog';
import { formatCount } from '../../app/format';
import type { BoardCluster } from '../../db/clusterings';

/** Where to move the chosen cards: every other theme, or a new one. Arrow keys move between the choices. */
export function MoveDialog({ clusters, count, currentId, onMove, onNew, onClose }: { clusters: readonly BoardCluster[]; count: number; currentId: string | null; onMove: (id: string) => void; onNew: () => void; onClose: () => void }): React.JSX.Element {
  const list = useRef<HTMLUListElement>(null);
  const targets = clusters.filter((c) => c.id !== currentId);
  const step = (e: React.KeyboardEvent<HTMLUListElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const at = buttons.findIndex((b) => b === document.activeElement);
    const next = buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
  };
  return (
    <Dialog
      title={`Move ${formatCount(count, 'card')} to…`}
      onClose={onClose}
      footer={
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <ul ref={list} className="theme-move-list" aria-label="Themes" onKeyDown={step}>
        {targets.map((c, i) => (
          <li key={c.id}>
            <button type="button" className="btn btn-ghost theme-move-target" autoFocus={i === 0} onClick={() => onMove(c.id)}>
              <span>{c.label}</span>
              <span className="muted num">{c.unitIds.length.toLocaleString()}</span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="btn btn-ghost theme-move-target" onClick={onNew}>
            <span>+ New theme</span>
          </button>
        </li>
      </ul>
    </Dialog>
  );
}

export function MergeDialog({ source, clusters, onMerge, onClose }: { source: BoardCluster; clusters: readonly BoardCluster[]; onMerge: (targetId: string) => void; onClose: () => void }): React.JSX.Element {
  const targets = clusters.filter((c) => c.id !== source.id);
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  return (
    <Dialog
      title={`Merge “${source.label}” into…`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={target === ''} onClick={() => onMerge(target)}>
            Merge
          </button>
        </>
      }
    >
      <label className="theme-field">
        <span>Theme to keep</span>
        <select className="input" value={target} onChange={(e) => setTarget(e.target.value)} autoFocus>
          {targets.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label} ({c.unitIds.length})
            </option>
          ))}
        </select>
      </label>
      <p className="muted">Its {formatCount(source.unitIds.length, 'card')} and keywords join that theme; “{source.label}” goes away.</p>
    </Dialog>
  );
}

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A theme's "⋯" menu: a button that opens a list of menu items; Escape or a click outside closes it. */
export function ThemeMenu({ themeLabel, items }: { themeLabel: string; items: readonly MenuItem[] }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent): void => {
      if (e.target instanceof Node && root.current?.contains(e.target) !== true) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div
      className="theme-menu"
      ref={root}
      onBlur={(e) => {
        // Tabbing out of the menu closes it, like a click outside.
        if (open && !(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOpen(false);
      }}
    >
      <button ref={button} type="button" className="btn btn-ghost btn-sm" aria-haspopup="menu" aria-expanded={open} aria-label={`Actions for ${themeLabel}`} onClick={() => setOpen((o) => !o)}>
        ⋯
      </button>
      {open ? (
        <div
          role="menu"
          aria-label={`Actions for ${themeLabel}`}
          className="theme-menu-list"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
              return;
            }
            if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
            e.preventDefault();
            const all = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
            const at = all.findIndex((b) => b === document.activeElement);
            all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
          }}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className={item.danger === true ? 'theme-menu-item theme-menu-danger' : 'theme-menu-item'}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
