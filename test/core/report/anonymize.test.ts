import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../src/core/model';
import { createAnonymizer, previewRedactions } from '../../../src/core/report/anonymize';
import { participants } from '../analysis/fixture';

const person = (id: string, name: string, role: Participant['role'] = 'participant'): Participant => ({
  id,
  name,
  role,
  attributes: {},
  sourceIds: [],
  createdAt: '',
  updatedAt: '',
});

describe('pseudonyms', () => {
  it('numbers participants in id order, whatever order they are given in, and interviewers apart', () => {
    const a = createAnonymizer(participants);
    const b = createAnonymizer([...participants].reverse());
    expect(['p1', 'p2', 'p6', 'pa'].map(a.pseudonym)).toEqual(['P01', 'P02', 'P06', 'P07']);
    expect(['p1', 'p2', 'p6', 'pa'].map(b.pseudonym)).toEqual(['P01', 'P02', 'P06', 'P07']);
    expect(a.pseudonym('pi')).toBe('I01');
    expect(a.pseudonym('nobody')).toBe('[participant]');
  });

  it('widens the number when there are 100 or more participants', () => {
    const many = Array.from({ length: 120 }, (_, i) => person(`id${String(i).padStart(3, '0')}`, `R${i}`));
    const a = createAnonymizer(many);
    expect(a.pseudonym('id000')).toBe('P001');
    expect(a.pseudonym('id119')).toBe('P120');
  });
});

describe('redaction', () => {
  const anon = createAnonymizer(participants);

  it('redacts emails and phone numbers in their common forms', () => {
    expect(anon.redact('Mail me: jo.doe+loupe@mail.example.co.uk or JO@EXAMPLE.COM')).toBe('Mail me: [email] or [email]');
    for (const phone of ['+44 20 7946 0958', '(555) 123-4567', '555-123-4567', '07700 900123', '+1.202.555.0143', '0612345678']) {
      expect(anon.redact(`call ${phone} today`)).toBe('call [phone] today');
    }
  });

  it('leaves dates, versions, years, prices and scores alone', () => {
    const text = 'On 2024-03-05 we moved to version 6.1.0; plans cost $1,200 in 2023 2024, NPS 9 of 10, order 12345.';
    expect(anon.redact(text)).toBe(text);
    expect(anon.preview(text)).toEqual([]);
  });

  it('replaces participants’ names in quotes with their pseudonym', () => {
    expect(anon.redact('I asked maria keller and John Smith about it')).toBe('I asked P01 and P02 about it');
    // A first name alone (possessives keep their 's) when it is capitalized, as names are in prose.
    expect(anon.redact("Maria's team and John agreed, john did not")).toBe("P01's team and P02 agreed, john did not");
    // The interviewer's name too.
    expect(anon.redact('Ivan asked')).toBe('I01 asked');
  });

  it('uses [name] when a first name belongs to several people, and ignores id-like names', () => {
    const a = createAnonymizer([person('a', 'Sam Lee'), person('b', 'Sam Ortiz'), person('c', 'Respondent at row 12')]);
    expect(a.redact('Sam said Lee and Ortiz were right')).toBe('[name] said P01 and P02 were right');
    expect(a.redact('Respondent feedback')).toBe('Respondent feedback');
    expect(a.redact('respondent at row 12 wrote')).toBe('P03 wrote');
  });

  it('previews exactly what will be replaced, emails winning over the names inside them', () => {
    const text = 'Maria wrote from maria.keller@example.com, call +44 20 7946 0958';
    const preview = previewRedactions(text, participants);
    expect(preview.map((r) => [r.kind, r.text, r.replacement])).toEqual([
      ['name', 'Maria', 'P01'],
      ['email', 'maria.keller@example.com', '[email]'],
      ['phone', '+44 20 7946 0958', '[phone]'],
    ]);
    for (const r of preview) expect(text.slice(r.start, r.end)).toBe(r.text);
    expect(createAnonymizer(participants).redact(text)).toBe('P01 wrote from [email], call [phone]');
  });

  it('finds emails and phones without any participants', () => {
    expect(previewRedactions('x@y.io').map((r) => r.kind)).toEqual(['email']);
  });
});
