/**
 * Naming clusters. Keywords come from class-based TF-IDF as in BERTopic (Grootendorst 2022): all documents of a
 * cluster are treated as one, and a term scores
 *   W(t, c) = tf(t, c) / |c|  ×  ln(1 + A / f(t))
 * where tf(t, c) counts t in cluster c, |c| is the number of terms in c, f(t) counts t over all classes (the
 * unclustered bucket is one of them, so words that are everywhere score low) and A is the average number of
 * terms per class. Words and bigrams compete; the label is the top three that do not repeat each other.
 */

export interface ClassTerms {
  /** Terms of every document (words and bigrams), as the analyzer produced them. */
  docs: readonly (readonly string[])[];
  /** Document indices per class; classes need not cover every document. */
  classes: readonly (readonly number[])[];
}

export interface Keywords {
  keywords: string[];
  label: string;
}

export interface KeywordOptions {
  /** Keywords per cluster. Default 10. */
  top?: number;
  /** Terms in the label. Default 3. */
  labelTerms?: number;
  /** A term must occur this often in the cluster (or in every member of a smaller cluster). Default 2. */
  minCount?: number;
  /** How a term is shown (e.g. undoing stemming). Default: as is. */
  display?: (term: string) => string;
}

export function classTfidfKeywords(input: ClassTerms, options: KeywordOptions = {}): Keywords[] {
  const top = options.top ?? 10;
  const labelTerms = options.labelTerms ?? 3;
  const perClass = input.classes.map((members) => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const doc of members) {
      for (const term of input.docs[doc]!) {
        counts.set(term, (counts.get(term) ?? 0) + 1);
        total++;
      }
    }
    return { counts, total, size: members.length };
  });
  const overall = new Map<string, number>();
  let allTerms = 0;
  for (const { counts, total } of perClass) {
    allTerms += total;
    for (const [term, count] of counts) overall.set(term, (overall.get(term) ?? 0) + count);
  }
  const average = perClass.length > 0 ? allTerms / perClass.length : 0;

  return perClass.map(({ counts, total, size }) => {
    const minCount = Math.min(options.minCount ?? 2, size);
    const scored: { term: string; score: number }[] = [];
    for (const [term, count] of counts) {
      if (count < minCount) continue;
      scored.push({ term, score: (count / total) * Math.log(1 + average / overall.get(term)!) });
    }
    scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const keywords = distinctTerms(
      scored.map((s) => s.term),
      top,
    );
    const shown = keywords.map(options.display ?? ((t) => t));
    return { keywords: shown, label: shown.slice(0, labelTerms).join(', ') };
  });
}

/**
 * Up to `limit` terms in rank order without saying a word twice: a word already inside a chosen term is
 * skipped, and a bigram absorbs the chosen single words it contains ("card" then "card arrive" → "card arrive").
 */
function distinctTerms(ranked: readonly string[], limit: number): string[] {
  let chosen: string[] = [];
  const words = new Set<string>();
  for (const term of ranked) {
    if (chosen.length >= limit) break;
    const parts = term.split(' ');
    if (parts.every((p) => words.has(p))) {
      if (parts.length === 1) continue;
      // Both words chosen: keep the bigram only if it merges single words (not words of other bigrams).
      if (!parts.every((p) => chosen.includes(p))) continue;
    }
    const absorbed = chosen.findIndex((c) => parts.length > 1 && parts.includes(c));
    if (absorbed >= 0) {
      chosen[absorbed] = term;
      chosen = chosen.filter((c, i) => i === absorbed || !parts.includes(c));
    } else {
      chosen.push(term);
    }
    for (const p of parts) words.add(p);
  }
  return chosen;
}
