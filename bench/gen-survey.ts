/**
 * Deterministic survey CSV generator for import benchmarks: N respondents × 5 open-text answers whose
 * text has quotes, commas and embedded line breaks (the expensive cases for a CSV parser), plus a few
 * closed columns so layout and role detection have real work. Same seed → byte-identical output.
 *
 *   npx tsx bench/gen-survey.ts 10000 > /tmp/survey-10k.csv
 */
import { createRng } from '../src/core/random';

const OPENERS = ['Honestly', 'The thing is', 'For our team', 'Since the update', 'Overall', 'To be fair'];
const TOPICS = ['the export to Excel', 'search', 'the "smart" tagging', 'onboarding', 'pricing, especially for small teams', 'the mobile app'];
const VERDICTS = ['is slow', 'works great', 'keeps breaking, again', 'is "fine", I guess', 'needs a dark mode', 'confuses new hires'];
const PLANS = ['Free', 'Pro', 'Team', 'Enterprise'];
const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'JP', 'BR'];

export interface GenSurveyOptions {
  respondents: number;
  seed?: number;
}

/** Build the whole CSV as a string (RFC 4180 quoting, CRLF row ends like Excel). */
export function generateSurveyCsv({ respondents, seed = 42 }: GenSurveyOptions): string {
  const rng = createRng(seed);
  const header = ['Respondent ID', 'Plan', 'Country', 'How likely are you to recommend us?', 'Q1 What do you like?', 'Q2 What frustrates you?', 'Q3 What is missing?', 'Q4 How do you use it?', 'Q5 Anything else?'];
  const lines = [header.map(quote).join(',')];
  for (let i = 0; i < respondents; i++) {
    const answers = Array.from({ length: 5 }, () => sentence(rng));
    lines.push([`R_${String(i + 1).padStart(7, '0')}`, rng.pick(PLANS), rng.pick(COUNTRIES), String(rng.int(0, 10)), ...answers].map(quote).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function sentence(rng: ReturnType<typeof createRng>): string {
  const parts = Array.from({ length: rng.int(1, 3) }, () => `${rng.pick(OPENERS)}, ${rng.pick(TOPICS)} ${rng.pick(VERDICTS)}.`);
  return rng.chance(0.2) ? '' : parts.join(rng.chance(0.3) ? '\n' : ' ');
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

// Run as a script: print a CSV of argv[2] respondents.
const argv = (globalThis as { process?: { argv: string[]; stdout: { write(s: string): void } } }).process;
if (argv && /gen-survey\.ts$/.test(argv.argv[1] ?? '')) {
  argv.stdout.write(generateSurveyCsv({ respondents: Number(argv.argv[2] ?? 1000) }));
}
