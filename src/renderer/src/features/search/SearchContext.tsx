/**
 * A transcript or notes hit in its context: the passages around it, the hit's passage scrolled into view and
 * its words marked. "Open source" goes on to the whole source.
 */
import { useEffect, useRef, useState } from 'react';
import type { Unit } from '../../../../core/model';
import { formatTimestamp } from '../../app/format';
import { Dialog } from '../../app/Dialog';
import { listSourceUnits } from '../../db/workspace-data';
import type { SearchHit } from '../../workers/search-protocol';
import { HitText } from './HitText';

const AROUND = 6;

export function SearchContext({ workspaceId, hit, query, onClose, onOpenSource }: { workspaceId: string; hit: SearchHit; query: string; onClose: () => void; onOpenSource: (sourceId: string) => void }): React.JSX.Element {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const targetRef = useRef<HTMLLIElement>(null);

  useEffect(() => {
    let live = true;
    const seq = Number(hit.unitId.slice(hit.unitId.lastIndexOf(':') + 1));
    // Keyset paging from a few passages back: seqs of transcripts are dense utterance indexes.
    void listSourceUnits(workspaceId, hit.sourceId, { after: seq - AROUND - 1, limit: AROUND * 2 + 1 }).then((page) => live && setUnits(page.items));
    return () => {
      live = false;
    };
  }, [workspaceId, hit]);

  useEffect(() => {
    targetRef.current?.scrollIntoView?.({ block: 'center' });
  }, [units]);

  return (
    <Dialog
      title={hit.sourceTitle}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button type="button" className="btn btn-primary" onClick={() => onOpenSource(hit.sourceId)}>
            Open source
          </button>
        </>
      }
    >
      {units === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol className="context-units" aria-label="Passage in context">
          {units.map((u) => {
            const isHit = u.id === hit.unitId;
            return (
              <li key={u.id} ref={isHit ? targetRef : undefined} className={isHit ? 'context-unit is-hit' : 'context-unit'} aria-current={isHit ? 'true' : undefined}>
                <div className="utterance-meta">
                  <span className="speaker">{u.speaker ?? u.section ?? ''}</span>
                  {u.startSec === undefined ? null : <time className="muted num">{formatTimestamp(u.startSec)}</time>}
                </div>
                {isHit ? <HitText text={u.text} query={query} /> : <p>{u.text}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </Dialog>
  );
}
