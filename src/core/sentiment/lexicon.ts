/**
 * What core/sentiment adds to wink-sentiment's AFINN-165 lexicon for feedback about software: domain words, degree
 * modifiers ("very", "too", "a bit") and the negators wink uses. Weights are on AFINN's −5 … 5 scale.
 *
 * Changing any entry can change a score: raise SENTIMENT_VERSION (index.ts) with it, so stored scores are recomputed.
 */

/**
 * Words a general lexicon misses or under-weights in product feedback. An entry replaces AFINN's weight for the word
 * (e.g. AFINN has "broken" −1 and "fine" +2). Left out on purpose: words whose sense flips with the topic ("cheap"
 * praises a price and criticises a build; "dated" is also a date; "hang" also "hang out"; "working" is also "while
 * working on"), comparatives of praise, which are as often requests as praise ("make it faster", "could be easier"),
 * and words AFINN already weighs well for feedback (unreliable −2, reliable +2, seamless +2, useless −2).
 */
export const DOMAIN_LEXICON: Readonly<Record<string, number>> = {
  // Speed.
  slow: -2,
  slower: -2,
  slowly: -1,
  slowness: -2,
  slowdown: -2,
  slowdowns: -2,
  laggy: -2,
  lag: -2,
  fast: 2,
  fastest: 2,
  // Waiting: "takes forever to load".
  forever: -2,
  quick: 2,
  quickly: 1,
  speedy: 2,
  snappy: 2,
  // Stability: a crash or a broken feature is the worst a user reports.
  crash: -3,
  crashes: -3,
  crashed: -3,
  crashing: -3,
  crashy: -3,
  buggy: -3,
  bug: -2,
  bugs: -2,
  glitch: -2,
  glitches: -2,
  glitchy: -2,
  broken: -3,
  breaks: -2,
  freeze: -2,
  freezes: -2,
  froze: -2,
  frozen: -2,
  freezing: -2,
  hangs: -2,
  unresponsive: -2,
  unusable: -3,
  flaky: -2,
  janky: -2,
  wonky: -2,
  issue: -1,
  issues: -1,
  // "They fixed it within a day" ("fixed price" is the cost of this entry).
  fixed: 2,
  // Ease of use.
  confusing: -2,
  unintuitive: -2,
  counterintuitive: -2,
  clunky: -2,
  cumbersome: -2,
  complicated: -2,
  overcomplicated: -2,
  convoluted: -2,
  tedious: -2,
  fiddly: -2,
  finicky: -2,
  bloated: -2,
  outdated: -2,
  intuitive: 2,
  intuitively: 2,
  easy: 2,
  straightforward: 2,
  simple: 1,
  smooth: 2,
  smoothly: 2,
  handy: 2,
  efficient: 2,
  effortless: 2,
  lightweight: 1,
  // Price.
  expensive: -2,
  overpriced: -3,
  pricey: -1,
  // Names, not praise, in feedback: "Support never answered" (the team), "it supports CSV" (a feature); AFINN +2.
  support: 0,
  supports: 0,
  supported: 0,
  // Lukewarm in feedback ("it's fine"): VADER weighs it 0.8 of 4, AFINN +2.
  fine: 1,
};

/**
 * Degree modifiers: the factor they apply to the next sentiment-bearing word ("very slow", "a bit slow"). A modifier
 * that modifies a scored word loses its own AFINN score (AFINN has "super" +3 and "pretty" +1, which made "super slow"
 * positive). Factors follow VADER's booster idea (a fixed step per modifier) as a ratio: ×1.3 up, ×0.7 down.
 */
export const MODIFIERS: Readonly<Record<string, number>> = {
  very: 1.3,
  really: 1.3,
  so: 1.3,
  too: 1.3,
  extremely: 1.3,
  incredibly: 1.3,
  insanely: 1.3,
  ridiculously: 1.3,
  unbelievably: 1.3,
  painfully: 1.3,
  super: 1.3,
  totally: 1.3,
  absolutely: 1.3,
  completely: 1.3,
  utterly: 1.3,
  highly: 1.3,
  way: 1.3,
  far: 1.3,
  much: 1.3,
  pretty: 1.1,
  quite: 1.1,
  slightly: 0.7,
  somewhat: 0.7,
  fairly: 0.7,
  kinda: 0.7,
  sorta: 0.7,
};

/** "a bit slow", "a little slow", "kind of slow", "sort of slow": two-word dampeners (first word, second word). */
export const TWO_WORD_DAMPENERS: Readonly<Record<string, string>> = { bit: 'a', little: 'a', of: 'kind', sort: 'of' };

/** The factor of a two-word dampener. */
export const DAMPENER = 0.7;

/**
 * "too" before a word that carries no sentiment of its own reads as an excess ("too long", "too many clicks",
 * "too much"): that word gets this score. Before a negative word "too" is a booster ("too slow"); before a positive one
 * it is left alone ("too good to be true").
 */
export const TOO_EXCESS = -1.5;

/** Words after "too" that are not what it qualifies ("me too and …", "it too is …"). */
export const NOT_AFTER_TOO = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'for', 'i', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'then', 'to', 'was', 'we', 'with', 'you']);

/** A negation (or "not too") through a modifier: "not very good" is milder than "not good" (as in VADER). */
export const NEGATED_MODIFIER = 0.5;

/**
 * wink-sentiment's negators (its src/negations.js), so a domain word is negated exactly like an AFINN word: a
 * negator up to two tokens before the word flips its score.
 */
export const NEGATORS = new Set(['never', 'none', 'no', 'not', 'non', 'arent', 'cant', 'dont', 'wont', 'isnt', 'wouldnt', 'shouldnt', "n't"]);

/**
 * Each "!" moves the (mean, −5 … 5) score this much further from 0, up to 4 of them: VADER's 0.292 per mark on its
 * −4 … 4 word scale, rescaled to AFINN's.
 */
export const EXCLAMATION_STEP = 0.365;
export const EXCLAMATION_MAX = 4;
