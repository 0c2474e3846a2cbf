/**
 * A compact inverted index for a million short texts: each word maps to a sorted Uint32Array of document
 * numbers. Documents are numbered by the caller in increasing order (append-only), which keeps every posting
 * list sorted for free. A query ANDs its terms; a prefix term is the union of every word starting with it
 * (found by binary search in the sorted word list).
 *
 * Why not MiniSearch: measured on 1M synthetic answers it needed ~10× the memory and seconds per query,
 * because it scores every matching document; Loupe lists matches in source order and needs no scores.
 */
import type { ParsedQuery, QueryTerm } from './query';
import { tokenize } from './tokenize';

interface Posting {
  ids: Uint32Array;
  n: number;
}

export interface TextIndex {
  /** Adds a document; `doc` must be greater than every document added before. */
  add(doc: number, text: string): void;
  /** Trims posting lists to their length (after a bulk add) to give memory back. */
  compact(): void;
  /** Documents containing every term of the query (phrases are NOT checked here), ascending. */
  match(query: ParsedQuery): Uint32Array;
  readonly docCount: number;
  readonly wordCount: number;
  /** Upper bound on documents (highest id + 1): the size of scratch bitmaps. */
  readonly span: number;
}

export function createTextIndex(): TextIndex {
  const postings = new Map<string, Posting>();
  let sorted: string[] | null = null;
  let docs = 0;
  let span = 0;

  function push(word: string, doc: number): void {
    let p = postings.get(word);
    if (p === undefined) {
      p = { ids: new Uint32Array(4), n: 0 };
      postings.set(word, p);
      sorted = null;
    } else if (p.ids[p.n - 1] === doc) return;
    if (p.n === p.ids.length) {
      const grown = new Uint32Array(p.ids.length * 2);
      grown.set(p.ids);
      p.ids = grown;
    }
    p.ids[p.n++] = doc;
  }

  function words(): string[] {
    sorted ??= [...postings.keys()].sort();
    return sorted;
  }

  /** Posting lists a term stands for: one word, or every word with the prefix. */
  function lists(term: QueryTerm): Uint32Array[] {
    if (!term.prefix) {
      const p = postings.get(term.word);
      return p === undefined ? [] : [p.ids.subarray(0, p.n)];
    }
    const all = words();
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]! < term.word) lo = mid + 1;
      else hi = mid;
    }
    const out: Uint32Array[] = [];
    for (let i = lo; i < all.length && all[i]!.startsWith(term.word); i++) {
      const p = postings.get(all[i]!);
      if (p !== undefined) out.push(p.ids.subarray(0, p.n));
    }
    return out;
  }

  return {
    add(doc, text) {
      if (doc < span) throw new Error(`Documents must be added in increasing order (${doc} after ${span - 1}).`);
      for (const w of tokenize(text)) push(w, doc);
      docs++;
      span = doc + 1;
    },
    compact() {
      for (const p of postings.values()) if (p.ids.length > p.n) p.ids = p.ids.slice(0, p.n);
    },
    match(query) {
      if (query.terms.length === 0) return new Uint32Array(0);
      const sets = query.terms.map(lists).map((l) => ({ lists: l, size: l.reduce((n, a) => n + a.length, 0) }));
      if (sets.some((s) => s.size === 0)) return new Uint32Array(0);
      sets.sort((a, b) => a.size - b.size);
      // Candidates: the smallest term's documents, sorted and unique.
      let candidates = union(sets[0]!.lists, span);
      const mark = new Uint8Array(span);
      for (let k = 1; k < sets.length && candidates.length > 0; k++) {
        mark.fill(0);
        for (const list of sets[k]!.lists) for (let i = 0; i < list.length; i++) mark[list[i]!] = 1;
        let n = 0;
        for (let i = 0; i < candidates.length; i++) if (mark[candidates[i]!] === 1) candidates[n++] = candidates[i]!;
        candidates = candidates.subarray(0, n);
      }
      return candidates.slice();
    },
    get docCount() {
      return docs;
    },
    get wordCount() {
      return postings.size;
    },
    get span() {
      return span;
    },
  };
}

function union(lists: readonly Uint32Array[], span: number): Uint32Array {
  if (lists.length === 1) return lists[0]!.slice();
  const mark = new Uint8Array(span);
  let total = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      if (mark[list[i]!] === 0) {
        mark[list[i]!] = 1;
        total++;
      }
    }
  }
  const out = new Uint32Array(total);
  let n = 0;
  for (let d = 0; d < span && n < total; d++) if (mark[d] === 1) out[n++] = d;
  return out;
}
