/**
 * Interview transcripts and notes → utterances/paragraphs. Reads WebVTT (Teams voice tags, Zoom
 * "Name: text" cues), SRT, plain "Speaker: text" transcripts (optionally "[00:01:23]" stamped), Otter-style
 * "Speaker  0:01" blocks, Markdown and plain-text notes.
 *
 * Choices: consecutive cues of one speaker merge into one utterance keeping the first start time (cues are
 * subtitle-sized, too fine to tag); cues without a speaker merge until a sentence ends. Notes headings are
 * structure, not units: each paragraph carries its heading path in `heading` ("Onboarding › Pain points").
 */

export type TranscriptVendor = 'vtt' | 'srt' | 'otter' | 'plain' | 'markdown' | 'docx' | 'txt';

export interface ParsedUnit {
  seq: number;
  text: string;
  speaker?: string;
  startSec?: number;
  /** Notes: the headings this paragraph sits under, outermost first, joined with " › ". */
  heading?: string;
}

export interface ParsedSpeaker {
  name: string;
  isInterviewerGuess: boolean;
}

export interface ParsedTranscript {
  kind: 'transcript' | 'notes';
  vendor: TranscriptVendor;
  speakers: ParsedSpeaker[];
  units: ParsedUnit[];
  warnings: string[];
}

const CUE_TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})/;
const STAMP = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const SPEAKER_LINE = new RegExp(String.raw`^(?:[\[(](${STAMP})[\])]\s*|(${STAMP})\s+)?([\p{L}][\p{L}\p{N} .'’\-]{0,38}?(?:\s*\([^)]{1,40}\))?)\s*:\s+(\S.*)$`, 'u');
const BRACKET_SPEAKER = /^\[([\p{L}][\p{L}\p{N} _-]{0,20})\]\s+(\S.*)$/u;
const OTTER_HEAD = new RegExp(String.raw`^([\p{L}][\p{L}\p{N} .'’\-]{0,40}?)\s+(${STAMP})\s*$`, 'u');
const INTERVIEWER = /^(interviewer|int|i|q|moderator|mod|facilitator|researcher|host|ux researcher)\b/i;

export function parseTranscript(text: string, fileName: string): ParsedTranscript {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const ext = (/\.([^.]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  const lines = clean.split('\n');
  const hasTimings = lines.some((l) => CUE_TIMING.test(l));
  if (ext === 'vtt' || ext === 'srt' || hasTimings || /^WEBVTT\b/.test(clean)) {
    const isSrt = ext === 'srt' || (!/^WEBVTT\b/.test(clean) && lines.some((l) => /\d,\d{3}\s*-->/.test(l)));
    return withSpeakers('transcript', isSrt ? 'srt' : 'vtt', parseCues(lines));
  }
  const otter = lines.filter((l) => OTTER_HEAD.test(l.trim())).length;
  if (otter >= 2 && ext !== 'md') return withSpeakers('transcript', 'otter', parseOtter(lines));
  const dialogue = parseDialogue(lines);
  if (dialogue) return withSpeakers('transcript', 'plain', dialogue);
  return withSpeakers('notes', ext === 'md' || ext === 'markdown' ? 'markdown' : 'txt', parseNotes(lines));
}

interface Draft {
  text: string;
  speaker?: string;
  startSec?: number;
  heading?: string;
}

function withSpeakers(kind: ParsedTranscript['kind'], vendor: TranscriptVendor, drafts: { units: Draft[]; warnings: string[] }): ParsedTranscript {
  const speakers = new Map<string, ParsedSpeaker>();
  for (const u of drafts.units) {
    if (u.speaker && !speakers.has(u.speaker)) speakers.set(u.speaker, { name: u.speaker, isInterviewerGuess: INTERVIEWER.test(u.speaker) });
  }
  const units = drafts.units
    .filter((u) => u.text.trim() !== '')
    .map((u, seq): ParsedUnit => ({
      seq,
      text: u.text.trim(),
      ...(u.speaker ? { speaker: u.speaker } : {}),
      ...(u.startSec !== undefined ? { startSec: u.startSec } : {}),
      ...(u.heading ? { heading: u.heading } : {}),
    }));
  const warnings = [...drafts.warnings];
  if (units.length === 0) warnings.push('The file contains no text to import.');
  return { kind, vendor, speakers: [...speakers.values()], units, warnings };
}

export function parseTimestamp(stamp: string): number {
  const parts = stamp.replace(',', '.').split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/** WebVTT and SRT: blocks separated by blank lines; each block an optional id, a timing line, text lines. */
function parseCues(lines: readonly string[]): { units: Draft[]; warnings: string[] } {
  const units: Draft[] = [];
  const warnings: string[] = [];
  let i = 0;
  let last: Draft | undefined;
  while (i < lines.length) {
    const t = lines[i]!.trim();
    if (t === '' || /^WEBVTT\b/.test(t)) {
      i++;
      continue;
    }
    if (/^(NOTE|STYLE|REGION)\b/.test(t)) {
      while (i < lines.length && lines[i]!.trim() !== '') i++;
      continue;
    }
    // Optional cue id / SRT number before the timing line.
    let timingAt = i;
    if (!CUE_TIMING.test(t) && i + 1 < lines.length && CUE_TIMING.test(lines[i + 1]!)) timingAt = i + 1;
    const timing = CUE_TIMING.exec(lines[timingAt]!);
    if (!timing) {
      warnings.push(`Line ${i + 1} ("${t.slice(0, 40)}") is not part of a cue and was skipped.`);
      while (i < lines.length && lines[i]!.trim() !== '') i++;
      continue;
    }
    const start = parseTimestamp(timing[1]!);
    i = timingAt + 1;
    const textLines: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') textLines.push(lines[i++]!.trim());
    for (const piece of cuePieces(textLines)) {
      const sameSpeaker = last && piece.speaker !== undefined && last.speaker === piece.speaker;
      const continuesSentence = last && piece.speaker === undefined && last.speaker === undefined && !/[.?!…]["”’)]?$/.test(last.text);
      if (last && (sameSpeaker || continuesSentence)) last.text = `${last.text} ${piece.text}`;
      else {
        last = { text: piece.text, startSec: start, ...(piece.speaker ? { speaker: piece.speaker } : {}) };
        units.push(last);
      }
    }
  }
  return { units, warnings };
}

/** A cue's text lines → (speaker, text) pieces: `<v Name>…</v>` voice tags, else a "Name: text" prefix. */
function cuePieces(textLines: readonly string[]): { speaker?: string; text: string }[] {
  const pieces: { speaker?: string; text: string }[] = [];
  for (const line of textLines) {
    const voice = /^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$/.exec(line);
    let speaker: string | undefined;
    let text: string;
    if (voice) {
      speaker = voice[1]!.trim();
      text = stripTags(voice[2]!);
    } else {
      text = stripTags(line);
      const named = SPEAKER_LINE.exec(text);
      if (named && named[3] && wordCount(named[3]) <= 4) {
        speaker = named[3].trim();
        text = named[4]!;
      }
    }
    text = text.replace(/^-\s+/, '').trim();
    if (text === '') continue;
    const prev = pieces[pieces.length - 1];
    if (prev && (speaker === undefined || speaker === prev.speaker)) prev.text = `${prev.text} ${text}`;
    else pieces.push({ ...(speaker ? { speaker } : {}), text });
  }
  return pieces;
}

function stripTags(s: string): string {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .trim();
}

function wordCount(s: string): number {
  return s.replace(/\([^)]*\)/g, '').trim().split(/\s+/).length;
}

/** Otter: "Speaker Name  0:01" on its own line, then the paragraph. */
function parseOtter(lines: readonly string[]): { units: Draft[]; warnings: string[] } {
  const units: Draft[] = [];
  let current: Draft | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    const head = OTTER_HEAD.exec(line);
    if (head && wordCount(head[1]!) <= 4) {
      current = { text: '', speaker: head[1]!.trim(), startSec: parseTimestamp(head[2]!) };
      units.push(current);
    } else if (line !== '' && !/^Transcribed by/i.test(line)) {
      if (!current) {
        current = { text: '' };
        units.push(current);
      }
      current.text = current.text ? `${current.text}\n${line}` : line;
    }
  }
  return { units, warnings: [] };
}

/**
 * "Speaker: text" transcripts. Accepted only when speaker lines dominate and names repeat, so notes with
 * an occasional "Summary: …" line stay notes. Lines without a speaker continue the previous utterance.
 */
function parseDialogue(lines: readonly string[]): { units: Draft[]; warnings: string[] } | undefined {
  const units: Draft[] = [];
  let current: Draft | undefined;
  let speakerLines = 0;
  let paragraphs = 0;
  let prevBlank = true;
  const counts = new Map<string, number>();
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      prevBlank = true;
      continue;
    }
    const m = SPEAKER_LINE.exec(line);
    const b = m ? undefined : BRACKET_SPEAKER.exec(line);
    const speaker = m?.[3] && wordCount(m[3]) <= 4 ? m[3].trim() : b?.[1]?.trim();
    if (speaker) {
      speakerLines++;
      paragraphs++;
      counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
      const stamp = m?.[1] ?? m?.[2];
      current = { text: (m ? m[4] : b?.[2]) ?? '', speaker, ...(stamp ? { startSec: parseTimestamp(stamp) } : {}) };
      units.push(current);
    } else {
      if (prevBlank || !current) paragraphs++;
      if (current) current.text = `${current.text}\n${line}`;
      else {
        current = { text: line };
        units.push(current);
      }
    }
    prevBlank = false;
  }
  const repeated = [...counts.values()].filter((n) => n >= 2).length;
  const knownInterviewer = [...counts.keys()].some((s) => INTERVIEWER.test(s));
  if (speakerLines < 2 || speakerLines / paragraphs < 0.6 || (repeated === 0 && !knownInterviewer)) return undefined;
  return { units, warnings: [] };
}

/** Notes: paragraphs separated by blank lines; list items are units of their own; headings give structure. */
function parseNotes(lines: readonly string[]): { units: Draft[]; warnings: string[] } {
  const units: Draft[] = [];
  const headings: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) {
      const heading = headings.filter(Boolean).join(' › ');
      units.push({ text: para.join('\n'), ...(heading ? { heading } : {}) });
    }
    para = [];
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (h) {
      flush();
      const level = h[1]!.length;
      headings.length = level;
      headings[level - 1] = h[2]!;
      continue;
    }
    if (line.trim() === '' || /^(-{3,}|\*{3,}|_{3,})$/.test(line.trim())) {
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+•]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      para = [item[1]!];
      continue;
    }
    para.push(line.trim());
  }
  flush();
  return { units, warnings: [] };
}
