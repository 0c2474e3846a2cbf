/** Sentences for history entries ("Tag 100,000 responses as Pricing"). English only for now. */
import type { CodingState } from './changeset';

export interface Noun {
  one: string;
  other: string;
}

export const RESPONSES: Noun = { one: 'response', other: 'responses' };

export function count(n: number, noun: Noun): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun.one : noun.other}`;
}

/** "Pricing", "Pricing and Onboarding", "Pricing, Onboarding and 3 more". */
export function tagList(state: CodingState, tagIds: readonly string[]): string {
  const names = tagIds.map((id) => state.tags.get(id)?.name ?? 'a deleted tag');
  if (names.length <= 1) return names[0] ?? 'no tags';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more`;
}

export function quote(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}
