/**
 * A small synthetic corpus for clustering tests: survey-style answers about three clearly different topics
 * (billing, login, delivery), built from templates with a seeded PRNG so it is the same on every run.
 * Each answer names three of its topic's terms in a sentence of stop words, sometimes with a generic word
 * shared by all topics ("frustrating").
 */
import { createRng } from '../../../src/core/random';

export type Topic = 'billing' | 'login' | 'delivery';

/** Each answer names three of its topic's six terms, so two answers on one topic share 1.5 terms on average. */
const TOPIC_WORDS: Record<Topic, string[]> = {
  billing: ['invoice', 'refund', 'charged twice', 'billing', 'payment', 'subscription price'],
  login: ['password', 'login', 'sign in', 'account locked', 'reset email', 'two factor code'],
  delivery: ['delivery', 'parcel', 'courier', 'shipping', 'package', 'tracking number'],
};

// Filler is mostly stop words; the occasional generic word ("frustrating") is shared by all topics.
const TEMPLATES = [
  (a: string, b: string, c: string) => `${a}, ${b} and ${c}.`,
  (a: string, b: string, c: string) => `The ${a} is not what it should be; ${b}, ${c}.`,
  (a: string, b: string, c: string) => `${a}! ${b}? ${c}...`,
  (a: string, b: string, c: string) => `I had to do the ${a} again, then the ${b} and the ${c}.`,
];
const GENERIC = ['frustrating', 'slow', 'annoying', 'confusing', 'broken', 'every time', 'again and again', 'since the update'];

export interface LabelledText {
  id: string;
  text: string;
  topic: Topic;
}

export function threeTopics(perTopic = 20, seed = 7): LabelledText[] {
  const rng = createRng(seed);
  const out: LabelledText[] = [];
  const topics: Topic[] = ['billing', 'login', 'delivery'];
  for (let i = 0; i < perTopic; i++) {
    for (const topic of topics) {
      const [a, b, c] = rng.shuffle(TOPIC_WORDS[topic]);
      const generic = rng.chance(0.4) ? ` ${rng.pick(GENERIC)}` : '';
      const text = `${rng.pick(TEMPLATES)(a!, b!, c!)}${generic}`;
      out.push({ id: `${topic}-${i}`, text, topic });
    }
  }
  return rng.shuffle(out);
}

