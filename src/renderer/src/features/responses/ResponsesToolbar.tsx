/** The grid's filter bar (words, tag/untagged, sentiment, one attribute value) and the bulk actions for the selection. */
import { memo } from 'react';
import { depthFirst } from '../../../../core/coding';
import type { Tag } from '../../../../core/model';
import type { SentimentLabel } from '../../../../core/sentiment';
import type { AttributeColumn } from '../../workers/search-protocol';
import type { TagFilter } from './tag-membership';

export interface AttributeChoice {
  key: string;
  value: string;
}

export interface FilterBarProps {
  text: string;
  onText: (text: string) => void;
  tagFilter: TagFilter;
  onTagFilter: (f: TagFilter) => void;
  attribute: AttributeChoice | null;
  onAttribute: (a: AttributeChoice | null) => void;
  sentiment: SentimentLabel | null;
  onSentiment: (s: SentimentLabel | null) => void;
  tags: ReadonlyMap<string, Tag>;
  columns: readonly AttributeColumn[];
  /** Filters need the index; while it builds they are shown disabled. */
  disabled: boolean;
}

/** Memoized: the grid re-renders its view whenever a page of rows arrives, and these menus can hold hundreds of options. */
export const FilterBar = memo(function FilterBar(p: FilterBarProps): React.JSX.Element {
  const tagValue = p.tagFilter.kind === 'tag' ? `tag:${p.tagFilter.tagId}` : p.tagFilter.kind;
  const attrValue = p.attribute === null ? '' : JSON.stringify([p.attribute.key, p.attribute.value]);
  return (
    <div className="filter-bar" role="search" aria-label="Filter answers">
      <input
        className="input filter-text"
        type="search"
        aria-label="Filter answers by words"
        placeholder="Filter by words…"
        value={p.text}
        disabled={p.disabled}
        onChange={(e) => p.onText(e.target.value)}
      />
      <select
        className="input"
        aria-label="Filter by tag"
        value={tagValue}
        disabled={p.disabled}
        onChange={(e) => {
          const v = e.target.value;
          p.onTagFilter(v === 'any' || v === 'untagged' ? { kind: v } : { kind: 'tag', tagId: v.slice(4) });
        }}
      >
        <option value="any">Any tags</option>
        <option value="untagged">Untagged</option>
        {depthFirst(p.tags).map(({ tag, depth }) => (
          <option key={tag.id} value={`tag:${tag.id}`}>
            {`${'  '.repeat(depth)}${tag.name}`}
          </option>
        ))}
      </select>
      <select
        className="input"
        aria-label="Filter by sentiment"
        value={p.sentiment ?? ''}
        disabled={p.disabled}
        onChange={(e) => {
          const v = e.target.value;
          p.onSentiment(v === 'negative' || v === 'neutral' || v === 'positive' ? v : null);
        }}
      >
        <option value="">Any sentiment</option>
        <option value="negative">Negative</option>
        <option value="neutral">Neutral</option>
        <option value="positive">Positive</option>
      </select>
      <select
        className="input"
        aria-label="Filter by attribute"
        value={attrValue}
        disabled={p.disabled}
        onChange={(e) => {
          if (e.target.value === '') return p.onAttribute(null);
          const [key, value] = JSON.parse(e.target.value) as [string, string];
          p.onAttribute({ key, value });
        }}
      >
        <option value="">All participants</option>
        {p.columns.map((c) => (
          <optgroup key={c.key} label={c.key}>
            {c.values.map((v) => (
              <option key={v} value={JSON.stringify([c.key, v])}>
                {`${c.key}: ${v}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
});
