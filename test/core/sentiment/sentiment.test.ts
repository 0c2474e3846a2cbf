import { describe, expect, it } from 'vitest';
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
    expect(scoreSentiment('It is fine')).toEqual({ score: 0.4, label: 'positive' }); // AFINN "fine" is +2
    expect(scoreSentiment('It is fine', 0.5).label).toBe('neutral');
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
