import { describe, expect, it } from 'vitest';
import winkSentiment from 'wink-sentiment';
import { NEUTRAL_THRESHOLD, scoreSentiment, scoreSentiments, scoreUnits, sentimentLabel } from '../../../src/core/sentiment';

describe('scoreSentiment', () => {
  it.each([
    'I love this app, it is great',
    'Fast and easy to use!',
    'Support was amazing, thank you',
    'Works perfectly 🎉',
  ])('positive: %s', (text) => {
    const s = scoreSentiment(text);
    expect(s.label).toBe('positive');
    expect(s.score).toBeGreaterThan(NEUTRAL_THRESHOLD);
    expect(s.score).toBeLessThanOrEqual(1);
  });

  it.each([
    'The app is terrible and crashes all the time',
    'Checkout keeps failing',
    'Awful support, I hate waiting on hold',
    'Way too slow :(',
  ])('negative: %s', (text) => {
    const s = scoreSentiment(text);
    expect(s.label).toBe('negative');
    expect(s.score).toBeLessThan(-NEUTRAL_THRESHOLD);
    expect(s.score).toBeGreaterThanOrEqual(-1);
  });

  it.each(['The export button is in the settings menu', 'I use it every Tuesday', 'Invoices are sent monthly', '', '   '])('neutral: %j', (text) => {
    expect(scoreSentiment(text)).toEqual({ score: 0, label: 'neutral' });
  });

  it('negation flips the word it governs, also one word further on', () => {
    expect(scoreSentiment('This is good').label).toBe('positive');
    expect(scoreSentiment('This is not good').label).toBe('negative');
    expect(scoreSentiment('This is not a good product').label).toBe('negative');
    expect(scoreSentiment("It isn't great").label).toBe('negative');
    expect(scoreSentiment("I don't like the new pricing").label).toBe('negative');
    expect(scoreSentiment('The app was never reliable').label).toBe('negative');
    expect(scoreSentiment('Not bad at all').label).toBe('positive');
    expect(scoreSentiment('No complaints').label).toBe('positive');
  });

  it('is symmetric in magnitude and bounded to −1 … 1', () => {
    const good = scoreSentiment('good').score;
    expect(scoreSentiment('not good').score).toBeCloseTo(-good, 10);
    expect(scoreSentiment('outstanding superb breathtaking').score).toBeLessThanOrEqual(1);
    expect(scoreSentiment('catastrophic horrible torture').score).toBeGreaterThanOrEqual(-1);
  });

  it('a stricter threshold turns weak scores neutral', () => {
    expect(scoreSentiment('It is fine')).toEqual({ score: 0.2, label: 'positive' }); // "fine" is +1 in feedback (AFINN +2)
    expect(scoreSentiment('It is fine', 0.25).label).toBe('neutral');
    expect(sentimentLabel(0.05)).toBe('neutral');
    expect(sentimentLabel(0.0501)).toBe('positive');
    expect(sentimentLabel(-0.0501)).toBe('negative');
  });
});

describe('batch helpers', () => {
  it('scoreSentiments keeps order; scoreUnits maps unit ids to scores', () => {
    const texts = ['great', 'terrible', 'Tuesday'];
    expect(scoreSentiments(texts).map((s) => s.label)).toEqual(['positive', 'negative', 'neutral']);
    const scores = scoreUnits(texts.map((text, i) => ({ id: `s:${i}`, text })));
    expect([...scores.keys()]).toEqual(['s:0', 's:1', 's:2']);
    expect(scores.get('s:0')).toBeGreaterThan(0);
    expect(scores.get('s:1')).toBeLessThan(0);
    expect(scores.get('s:2')).toBe(0);
  });

  it('gives the same score every time (no state kept between calls)', () => {
    const text = 'Not great, but support was helpful';
    const first = scoreSentiment(text);
    scoreSentiments(['awful', 'lovely', 'not bad']);
    expect(scoreSentiment(text)).toEqual(first);
  });
});

describe('feedback about software', () => {
  const score = (text: string): number => scoreSentiment(text).score;
  const label = (text: string): string => scoreSentiment(text).label;

  // Hand-checked: slow −2 boosted by "too" (×1.3) = −2.6, two "!" push it 2 × 0.365 further: −3.33 / 5.
  it('"too slow!!" is negative, more than "too slow", more than "slow"', () => {
    expect(scoreSentiment('too slow!!')).toEqual({ score: -0.666, label: 'negative' });
    expect(score('too slow')).toBe(-0.52);
    expect(score('slow')).toBe(-0.4);
  });

  it('negation of a domain word', () => {
    expect(label('not slow at all')).not.toBe('negative');
    expect(label('It never crashes')).toBe('positive');
    expect(label("It doesn't freeze anymore")).toBe('positive');
    expect(label('The search is not fast')).toBe('negative');
    // Through a modifier it is milder: "not too slow" is faint praise, "not very good" faint criticism.
    expect(score('not too slow')).toBeGreaterThan(0);
    expect(score('not too slow')).toBeLessThan(score('not slow'));
    expect(score('not very good')).toBeLessThan(0);
    expect(score('not very good')).toBeGreaterThan(score('not good'));
  });

  it.each(['the export is fast and intuitive', 'Smooth, reliable and easy to set up', 'Snappy UI, I love it', 'Really fast, and they fixed the export bug within a day'])('positive: %s', (text) => {
    expect(label(text)).toBe('positive');
  });

  it.each([
    'crashes every time I export',
    'The app is laggy and buggy',
    'Editor freezes when I paste a table',
    'Clunky, confusing and outdated',
    'Way too expensive',
    'Totally unusable on my laptop',
    'The sync is broken again',
    'Too many clicks to tag an answer',
    'The onboarding is too long',
    'Make it faster, the schedule takes forever to load',
  ])('negative: %s', (text) => {
    expect(label(text)).toBe('negative');
  });

  it('"it\'s fine" is lukewarm: the weakest positive, below "good"', () => {
    expect(score("it's fine")).toBeGreaterThan(0);
    expect(score("it's fine")).toBeLessThanOrEqual(0.2);
    expect(score("it's fine")).toBeLessThan(score("it's good"));
  });

  it('modifiers scale the word they modify and carry no score of their own', () => {
    // AFINN has "super" +3, which made "super slow" positive.
    expect(label('super slow')).toBe('negative');
    expect(score('very slow')).toBeLessThan(score('slow'));
    expect(score('a bit slow')).toBeGreaterThan(score('slow'));
    expect(score('a bit slow')).toBeLessThan(0);
    expect(score('kind of slow')).toBe(score('a bit slow'));
    expect(score('way too slow')).toBeLessThan(score('too slow'));
    // "too" before a positive word is not read as a complaint, nor as "also" after it.
    expect(label('too good to be true')).toBe('positive');
    expect(score('I love it too')).toBe(score('I love it'));
    expect(score('Me too and my team')).toBe(0);
  });

  it('exclamation marks amplify either way, up to four, and do not create sentiment', () => {
    expect(score('great!!')).toBeGreaterThan(score('great!'));
    expect(score('great!')).toBeGreaterThan(score('great'));
    expect(score('slow!!!!!!')).toBe(score('slow!!!!'));
    expect(score('The export button is in the settings menu!!')).toBe(0);
  });

  it('a negator spent on a word carries no score itself ("no issues" was neutral: AFINN "no" is −1)', () => {
    expect(label('no issues')).toBe('positive');
    expect(label('No crashes so far')).toBe('positive');
  });

  it('texts without domain words, modifiers or "!" score as wink-sentiment alone does', () => {
    const texts = [
      'I love this app, it is great',
      'Awful service, I hate waiting on hold',
      'This is not a good product #fail',
      'Works perfectly 🎉 :)',
      'The export button is in the settings menu',
      'Good onboarding but terrible billing, and the reports look nice, though the charts are ugly and the colours are a mess overall',
    ];
    for (const text of texts) expect(score(text)).toBeCloseTo(winkSentiment(text).normalizedScore / 5, 3);
  });
});
