/** Codebook: the tag hierarchy with colors, descriptions and how often each tag was applied. */
import { useMemo } from 'react';
import type { Tag } from '../../../../core/model';
import { formatNumber } from '../../app/format';
import { useCodebook } from '../../db/hooks';
import './codebook.css';

interface TagNode {
  tag: Tag;
  children: TagNode[];
}

function buildTree(tags: Tag[]): TagNode[] {
  const nodes = new Map<string, TagNode>(tags.map((tag) => [tag.id, { tag, children: [] }]));
  const roots: TagNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.tag.parentId === undefined ? undefined : nodes.get(node.tag.parentId);
    (parent === undefined || parent === node ? roots : parent.children).push(node);
  }
  return roots;
}

/** Taggings of a tag and everything under it. */
function total(node: TagNode, counts: Map<string, number>): number {
  return node.children.reduce((sum, child) => sum + total(child, counts), counts.get(node.tag.id) ?? 0);
}

export function CodebookView({ workspaceId }: { workspaceId: string }): React.JSX.Element {
  const data = useCodebook(workspaceId);
  const roots = useMemo(() => buildTree(data?.tags ?? []), [data]);
  if (data === undefined) return <p className="loading">Loading codebook…</p>;

  return (
    <section className="section" aria-labelledby="codebook-title">
      <div className="section-header">
        <div>
          <h1 id="codebook-title">Codebook</h1>
          <p>The tags used to code passages, grouped by parent.</p>
        </div>
      </div>
      {roots.length === 0 ? (
        <div className="empty">
          <h2>No tags yet</h2>
          <p>Tags describe what a passage is about (“Pricing”, “Onboarding friction”). Your codebook will appear here.</p>
        </div>
      ) : (
        <ul className="tag-tree" aria-label="Tags">
          {roots.map((node) => (
            <TagItem key={node.tag.id} node={node} counts={data.counts} depth={0} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TagItem({ node, counts, depth }: { node: TagNode; counts: Map<string, number>; depth: number }): React.JSX.Element {
  const own = counts.get(node.tag.id) ?? 0;
  const all = total(node, counts);
  return (
    <li className={depth === 0 ? 'tag-item tag-root' : 'tag-item'}>
      <div className="tag-row">
        <span className="dot" style={{ background: node.tag.color }} aria-hidden="true" />
        <span className="tag-name">{node.tag.name}</span>
        {node.tag.description === undefined ? null : <span className="tag-desc muted">{node.tag.description}</span>}
        <span className="badge num" title={node.children.length > 0 ? `${own} on this tag, ${all} including sub-tags` : undefined}>
          {formatNumber(node.children.length > 0 ? all : own)}
          <span className="visually-hidden"> taggings</span>
        </span>
      </div>
      {node.children.length === 0 ? null : (
        <ul className="tag-children">
          {node.children.map((child) => (
            <TagItem key={child.tag.id} node={child} counts={counts} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
