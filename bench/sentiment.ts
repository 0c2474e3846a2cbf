/**
 * `npm run bench:sentiment` — core/sentiment against wink-sentiment alone (the scorer before its domain layer):
 * 1. How well each separates the bundled sample's promoters' answers (NPS 9–10) from its detractors' (0–6): the
 *    share of detractors' answers labelled negative and of promoters' labelled negative, and the AUC (the chance
 *    that a promoter's answer scores above a detractor's; ties count half). The sample's NPS is the only label
 *    it has: a proxy, not hand-labelled sentiment.
 * 2. The cost per text, best of 15 passes, over generated survey answers (bench/gen-survey.ts) and one-sentence ones.
 * Figures, not pass/fail.
 */
import Papa from 'papaparse';
import winkSentiment from 'wink-sentiment';
import { analysisData, npsAttributeOf } from '../src/core/analysis';
import { buildSampleWorkspace } from '../src/core/sample';
import { NEUTRAL_THRESHOLD, scoreSentiment } from '../src/core/sentiment';
import { generateSurveyCsv } from './gen-survey';

type Scorer = (text: string) => number;
const winkAlone: Scorer = (text) => (text.trim() === '' ? 0 : Math.max(-1, Math.min(1, winkSentiment(text).normalizedScore / 5)));
const loupe: Scorer = (text) => scoreSentiment(text).score;
const SCORERS: [string, Scorer][] = [
  ['wink-sentiment alone', winkAlone],
  ['core/sentiment', loupe],
];

function npsSeparation(): void {
  const { tables } = buildSampleWorkspace();
  const nps = npsAttributeOf(analysisData(tables));
  if (nps === undefined) throw new Error('the sample has no NPS attribute');
  const people = new Map(tables.participants.map((p) => [p.id, p]));
  const promoters: string[] = [];
  const detractors: string[] = [];
  for (const u of tables.units) {
    if (u.questionId === undefined || u.participantId === undefined) continue;
    const value = Number(people.get(u.participantId)?.attributes[nps]);
    if (!Number.isFinite(value)) continue;
    if (value >= 9) promoters.push(u.text);
    else if (value <= 6) detractors.push(u.text);
  }
  console.log(`Sample, NPS attribute "${nps}": ${promoters.length} promoters' answers, ${detractors.length} detractors'`);
  for (const [name, score] of SCORERS) {
    const pro = promoters.map(score);
    const det = detractors.map(score);
    let wins = 0;
    for (const a of pro) for (const b of det) wins += a > b ? 1 : a === b ? 0.5 : 0;
    const pct = (xs: number[], keep: (x: number) => boolean): string => `${Math.round((100 * xs.filter(keep).length) / xs.length)}%`;
    const negative = (x: number): boolean => x < -NEUTRAL_THRESHOLD;
    console.log(
      `  ${name.padEnd(22)} detractors negative ${pct(det, negative).padStart(4)}, positive ${pct(det, (x) => x > NEUTRAL_THRESHOLD).padStart(4)}; ` +
        `promoters negative ${pct(pro, negative).padStart(4)}; AUC ${(wins / (pro.length * det.length)).toFixed(3)}`,
    );
  }
}

function cost(): void {
  const rows = Papa.parse<string[]>(generateSurveyCsv({ respondents: 4000 }), { skipEmptyLines: true }).data.slice(1);
  const answers = [...new Set(rows.flatMap((r) => r.slice(-5)).filter((t) => t.trim() !== ''))].slice(0, 5000);
  const words = answers.reduce((n, t) => n + t.split(/\s+/).length, 0) / answers.length;
  const sentences = ['too slow!!', 'The export is fast and intuitive', 'Crashes every time I export', "It's fine", 'Support never answered my ticket'];
  let sink = 0;
  const microseconds = (score: Scorer, texts: string[], reps: number): number => {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) for (const t of texts) sink += score(t);
    return ((performance.now() - t0) * 1000) / (texts.length * reps);
  };
  const best = SCORERS.map(() => ({ answers: Infinity, sentences: Infinity }));
  for (let pass = 0; pass < 15; pass++) {
    SCORERS.forEach(([, score], i) => {
      best[i]!.answers = Math.min(best[i]!.answers, microseconds(score, answers, 1));
      best[i]!.sentences = Math.min(best[i]!.sentences, microseconds(score, sentences, 1000));
    });
  }
  console.log(`Cost per text, best of 15 passes (${answers.length} generated answers of ~${words.toFixed(0)} words; one-sentence answers):`);
  SCORERS.forEach(([name], i) => console.log(`  ${name.padEnd(22)} ${best[i]!.answers.toFixed(1)} µs; ${best[i]!.sentences.toFixed(1)} µs`));
  if (Number.isNaN(sink)) console.log('');
}

npsSeparation();
cost();
