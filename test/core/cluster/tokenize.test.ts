import { describe, expect, it } from 'vitest';
import { createAnalyzer, normalizeText, stemPlural, tokenize } from '../../../src/core/cluster/tokenize';

describe('tokenize', () => {
  it('normalizes Unicode: NFKC, lower case, letters of any script', () => {
    expect(tokenize('Café ÜBER Straße')).toEqual(['café', 'über', 'straße']);
    expect(tokenize('ＦＵＬＬ width ①')).toEqual(['full', 'width', '1']); // NFKC folds compatibility forms
    expect(tokenize('cafe\u0301')).toEqual(['café']); // combining accent composes, stays one token
    expect(tokenize('Привет, мир! Γειά σου')).toEqual(['привет', 'мир', 'γειά', 'σου']);
    expect(tokenize('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']); // vowel signs (marks) stay inside the word
  });

  it('splits Chinese and Japanese runs into character bigrams', () => {
    expect(tokenize('我的卡没到')).toEqual(['我的', '的卡', '卡没', '没到']);
    expect(tokenize('app 很 slow')).toEqual(['app', '很', 'slow']);
  });

  it('expands English contractions, straight or curly apostrophes', () => {
    expect(tokenize("I don't like it")).toEqual(['i', 'do', 'not', 'like', 'it']);
    expect(tokenize('It won’t load and I can’t log in')).toEqual(['it', 'will', 'not', 'load', 'and', 'i', 'can', 'not', 'log', 'in']);
    expect(tokenize("we'll see, you're right, they've gone, I'd go, I'm done")).toEqual(
      ['we', 'will', 'see', 'you', 'are', 'right', 'they', 'have', 'gone', 'i', 'would', 'go', 'i', 'am', 'done'],
    );
    expect(tokenize("the app's export")).toEqual(['the', 'app', 'export']);
    expect(normalizeText('Don’t')).toBe('do not');
  });

  it('drops punctuation and splits on hyphens and slashes', () => {
    expect(tokenize('Hello, world!!! (really?) -- e-mail/sms… "quoted"')).toEqual(['hello', 'world', 'really', 'e', 'mail', 'sms', 'quoted']);
    expect(tokenize('  ...  ')).toEqual([]);
  });
});

describe('createAnalyzer', () => {
  it('removes English stop words, numbers and one-letter tokens; folds plurals', () => {
    const analyze = createAnalyzer();
    expect(analyze("I don't get my cards after 2 weeks, it's a joke")).toEqual(['card', 'week', 'joke']);
  });

  it('removes extra stop words, normalized like the text', () => {
    const analyze = createAnalyzer({ extraStopWords: ['Loupe', 'APP'] });
    expect(analyze('Loupe: the app freezes on export')).toEqual(['freeze', 'export']);
  });

  it('remembers how stemmed words were written, for labels', () => {
    const analyze = createAnalyzer({ bigrams: true });
    analyze('It crashes. Crashes daily, crashes on export');
    analyze('one crash');
    expect(analyze.display('crashe')).toBe('crashes');
    expect(analyze.display('crashe export')).toBe('crashes export');
    expect(analyze.display('crash')).toBe('crash');
  });

  it('adds bigrams of adjacent kept words within a clause, not across punctuation', () => {
    const analyze = createAnalyzer({ bigrams: true, stem: false });
    expect(analyze('Credit card declined. Card blocked')).toEqual(['credit', 'card', 'credit card', 'declined', 'card declined', 'card', 'blocked', 'card blocked']);
    expect(analyze('card, pin')).toEqual(['card', 'pin']);
  });

  it('keeps numbers when asked', () => {
    expect(createAnalyzer({ keepNumbers: true })('waited 14 days')).toEqual(['waited', '14', 'day']);
  });
});

describe('stemPlural', () => {
  it('strips plural endings only', () => {
    expect(['cards', 'queries', 'charges', 'status', 'address', 'bus', 'was', 'shoes'].map(stemPlural)).toEqual(
      ['card', 'query', 'charge', 'status', 'address', 'bus', 'was', 'shoe'],
    );
  });
});
