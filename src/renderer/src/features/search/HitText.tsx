/** Text with the search hits marked (<mark>), for result lists, the grid's detail pane and context views. */
import { useMemo } from 'react';
import { hitRanges, parseQuery } from '../../../../core/search';

export function HitText({ text, query, className }: { text: string; query: string; className?: string }): React.JSX.Element {
  const parts = useMemo(() => {
    const ranges = query.trim() === '' ? [] : hitRanges(text, parseQuery(query));
    const out: { text: string; hit: boolean }[] = [];
    let at = 0;
    for (const r of ranges) {
      if (r.start > at) out.push({ text: text.slice(at, r.start), hit: false });
      out.push({ text: text.slice(r.start, r.end), hit: true });
      at = r.end;
    }
    if (at < text.length) out.push({ text: text.slice(at), hit: false });
    return out;
  }, [text, query]);
  return (
    <span className={className}>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="search-hit">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}
