/**
 * The detail pane: the active answer in full, with its highlights (tag colors) and the search hits marked.
 * Select part of the text and pick a tag to highlight and tag just that part (one undo step). Below it, the
 * answer's comment thread (open in reading mode too: a PM comments on the answer itself).
 */
import { useMemo, useRef, useState } from 'react';
import { applyTags, segmentHighlights, utf16ToCodePoint } from '../../../../core/coding';
import { hitRanges, parseQuery } from '../../../../core/search';
import type { Tag } from '../../../../core/model';
import { useCoding } from '../coding/CodingProvider';
import { CommentThread } from '../comments/CommentThread';
import { TagPicker } from '../coding/TagPicker';
import type { GridRow } from '../../workers/search-protocol';
import { SentimentCell } from './SentimentCell';
import { TagChips } from './ResponsesGrid';

export interface AnswerDetailProps {
  workspaceId: string;
  row: GridRow | undefined;
  questionText: string | undefined;
  tagIds: readonly string[];
  tags: ReadonlyMap<string, Tag>;
  query: string;
  /** Reading mode: the answer can be read, not tagged. */
  readOnly?: boolean;
}

/** UTF-16 offset of a DOM point within `root`'s text. */
function textOffset(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

export function AnswerDetail({ workspaceId, row, questionText, tagIds, tags, query, readOnly = false }: AnswerDetailProps): React.JSX.Element {
  const { state, coder } = useCoding();
  const textRef = useRef<HTMLParagraphElement>(null);
  const [part, setPart] = useState<{ unitId: string; start: number; end: number } | null>(null);

  const segments = useMemo(() => {
    if (row === undefined) return [];
    const highlights = [...state.highlights.values()].filter((h) => h.unitId === row.unitId);
    const hits = query.trim() === '' ? [] : hitRanges(row.text, parseQuery(query));
    return segmentHighlights(row.text, highlights).flatMap((seg) => {
      // Split each highlight segment further at search hits (UTF-16 ranges).
      const cuts = new Set([seg.startUtf16, seg.endUtf16]);
      for (const h of hits) for (const x of [h.start, h.end]) if (x > seg.startUtf16 && x < seg.endUtf16) cuts.add(x);
      const sorted = [...cuts].sort((a, b) => a - b);
      return sorted.slice(0, -1).map((from, i) => {
        const to = sorted[i + 1]!;
        return { from, to, text: row.text.slice(from, to), highlightIds: seg.highlightIds, hit: hits.some((h) => h.start <= from && h.end >= to) };
      });
    });
  }, [row, state.highlights, query]);

  if (row === undefined) {
    return (
      <aside className="answer-detail" aria-label="Answer">
        <p className="muted">{readOnly ? 'Select a row to read the whole answer.' : 'Select a row to read the whole answer and tag part of it.'}</p>
      </aside>
    );
  }

  const colorOf = (highlightId: string): string | undefined => {
    for (const t of state.taggings.values()) if (t.highlightId === highlightId) return tags.get(t.tagId)?.color;
    return undefined;
  };

  const onMouseUp = (): void => {
    if (readOnly) return;
    const sel = window.getSelection();
    const root = textRef.current;
    if (sel === null || root === null || sel.rangeCount === 0 || sel.isCollapsed) return setPart(null);
    const r = sel.getRangeAt(0);
    if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return setPart(null);
    const a = textOffset(root, r.startContainer, r.startOffset);
    const b = textOffset(root, r.endContainer, r.endOffset);
    if (b <= a) return setPart(null);
    setPart({ unitId: row.unitId, start: utf16ToCodePoint(row.text, a), end: utf16ToCodePoint(row.text, b) });
  };

  const current = part !== null && part.unitId === row.unitId ? part : null;

  return (
    <aside className="answer-detail" aria-label="Answer">
      <header className="answer-detail-head">
        <h2>{row.participantName}</h2>
        {questionText === undefined ? null : <p className="muted">{questionText}</p>}
      </header>
      <p ref={textRef} className="answer-text" onMouseUp={onMouseUp} aria-label="Answer text">
        {segments.map((s) => {
          const color = s.highlightIds[0] === undefined ? undefined : colorOf(s.highlightIds[0]);
          const content = s.hit ? <mark className="search-hit">{s.text}</mark> : s.text;
          return s.highlightIds.length > 0 ? (
            <span key={s.from} className="answer-hl" style={{ ['--hl' as string]: color ?? 'var(--accent)' }}>
              {content}
            </span>
          ) : (
            <span key={s.from}>{content}</span>
          );
        })}
      </p>
      <TagChips tagIds={tagIds} tags={tags} />
      <dl className="answer-attrs">
        <div>
          <dt>Sentiment</dt>
          <dd>
            <SentimentCell score={row.sentiment} />
          </dd>
        </div>
        {Object.entries(row.attributes).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{String(v)}</dd>
          </div>
        ))}
      </dl>
      {readOnly ? null : current === null ? (
        <p className="muted hint">Select words in the answer to tag just that part.</p>
      ) : (
        <div className="part-picker">
          <p className="muted">Tag the selected words</p>
          <TagPicker
            label="Tag selected text"
            apply={(ids) => (s) => applyTags(s, { kind: 'text', units: [{ id: row.unitId, text: row.text }], start: current.start, end: current.end }, ids, coder)}
            onApplied={() => {
              setPart(null);
              window.getSelection()?.removeAllRanges();
            }}
            onCancel={() => setPart(null)}
          />
        </div>
      )}
      <CommentThread workspaceId={workspaceId} target={{ table: 'units', id: row.unitId }} label={`the answer by ${row.participantName}`} />
    </aside>
  );
}
