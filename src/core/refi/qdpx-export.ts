/**
 * REFI-QDA 1.5 project export (`.qdpx`): every source becomes a TextSource whose text is its units joined
 * by line breaks (Sources/<GUID>.txt), highlights become PlainTextSelections (code-point offsets, end
 * exclusive) with one Coding per tagging, whole-unit taggings a selection covering the unit, memos a
 * Description, participants Cases with their attributes as Variables. GUIDs derive from Loupe ids, so
 * exporting the same workspace twice gives the same project. What REFI-QDA cannot carry is in the loss report.
 */
import { zipSync, type Zippable } from 'fflate';
import { guidFor } from '../coding/codebook-qdc';
import { childIndex, normalizeColor } from '../coding/tree';
import { codePointLength, sliceCodePoints } from '../coding/text';
import { writeXml, type XmlOut } from '../coding/xml';
import type { Participant, Tag, Tagging, Unit, WorkspaceSnapshot } from '../model';
import { addLoss, emptyLoss, excerpt, stableGuid, type LossReport } from './common';

export const QDPX_PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

export interface QdpxExport {
  bytes: Uint8Array;
  loss: LossReport;
}

export function exportQdpx(snapshot: WorkspaceSnapshot, options: { origin?: string } = {}): QdpxExport {
  const loss = emptyLoss();
  const t = snapshot.tables;
  const files: Zippable = {};
  const coders = [...new Set([...t.highlights.map((h) => h.coder), ...t.taggings.map((g) => g.coder)])].sort();
  const userGuid = (coder: string): string => stableGuid('user', coder);
  const tagIds = new Set(t.tags.map((g) => g.id));
  const highlights = new Map(t.highlights.map((h) => [h.id, h]));
  const taggingsByHighlight = groupBy(t.taggings.filter((g) => g.highlightId !== undefined), (g) => g.highlightId ?? '');
  const unitTaggings = groupBy(t.taggings.filter((g) => g.highlightId === undefined), (g) => g.unitId);
  const highlightsByUnit = groupBy(t.highlights, (h) => h.unitId);
  const unitsBySource = groupBy(t.units, (u) => u.sourceId);
  const exportedUnits = new Set<string>();

  const coding = (g: Tagging): XmlOut => ({
    name: 'Coding',
    attributes: { guid: stableGuid('tagging', g.id), creatingUser: userGuid(g.coder), creationDateTime: g.createdAt },
    children: [{ name: 'CodeRef', attributes: { targetGUID: guidFor(g.tagId) } }],
  });
  const validCodings = (list: readonly Tagging[]): XmlOut[] => list.filter((g) => tagIds.has(g.tagId)).map(coding);

  const sources: XmlOut[] = [];
  let multiline = 0;
  for (const source of t.sources) {
    const units = [...(unitsBySource.get(source.id) ?? [])].sort((a, b) => a.seq - b.seq);
    const starts = new Map<string, number>();
    let at = 0;
    for (const u of units) {
      starts.set(u.id, at);
      at += codePointLength(u.text) + 1;
      exportedUnits.add(u.id);
      if (/[\r\n]/.test(u.text)) multiline++;
    }
    const text = units.map((u) => u.text).join('\n');
    const guid = stableGuid('source', source.id);
    files[`Sources/${guid}.txt`] = new TextEncoder().encode(text);
    const selections: XmlOut[] = [];
    for (const u of units) {
      const base = starts.get(u.id) ?? 0;
      const whole = unitTaggings.get(u.id) ?? [];
      const codings = validCodings(whole);
      if (codings.length > 0) {
        selections.push(selection(stableGuid('unit', u.id), base, base + codePointLength(u.text), u.text, whole[0]?.coder, userGuid, u.createdAt, undefined, codings));
      }
      for (const h of highlightsByUnit.get(u.id) ?? []) {
        const len = codePointLength(u.text);
        if (h.start >= len) continue;
        const end = Math.min(h.end, len);
        selections.push(selection(stableGuid('highlight', h.id), base + h.start, base + end, sliceCodePoints(u.text, h.start, end), h.coder, userGuid, h.createdAt, h.memo, validCodings(taggingsByHighlight.get(h.id) ?? [])));
      }
    }
    sources.push({
      name: 'TextSource',
      attributes: { guid, name: source.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: source.createdAt, modifiedDateTime: source.updatedAt },
      children: selections,
    });
  }

  const outside = t.highlights.filter((h) => !exportedUnits.has(h.unitId) || h.start >= codePointLength(t.units.find((u) => u.id === h.unitId)?.text ?? ''));
  addLoss(loss, 'selection', `${outside.length} highlight(s) point at a unit or range that does not exist; they were not exported.`, outside.length);
  const broken = t.taggings.filter((g) => !tagIds.has(g.tagId) || (g.highlightId !== undefined && !highlights.has(g.highlightId)));
  addLoss(loss, 'selection', `${broken.length} tagging(s) point at a tag or highlight that does not exist; they were not exported.`, broken.length);
  reportExportLoss(snapshot, loss, multiline);

  const { variables, cases } = casesOf(t.participants);
  const project: XmlOut = {
    name: 'Project',
    attributes: {
      xmlns: QDPX_PROJECT_NAMESPACE,
      name: snapshot.meta.name,
      origin: options.origin ?? 'Loupe',
      creationDateTime: snapshot.meta.createdAt,
      modifiedDateTime: snapshot.meta.updatedAt,
    },
    children: [
      ...(coders.length > 0 ? [{ name: 'Users', children: coders.map((c) => ({ name: 'User', attributes: { guid: userGuid(c), name: c } })) }] : []),
      ...(t.tags.length > 0 ? [{ name: 'CodeBook', children: [{ name: 'Codes', children: codeTree(t.tags) }] }] : []),
      ...(variables.length > 0 ? [{ name: 'Variables', children: variables }] : []),
      ...(cases.length > 0 ? [{ name: 'Cases', children: cases }] : []),
      ...(sources.length > 0 ? [{ name: 'Sources', children: sources }] : []),
    ],
  };
  const ordered: Zippable = { 'project.qde': new TextEncoder().encode(writeXml(project)) };
  for (const [k, v] of Object.entries(files)) ordered[k] = v;
  return { bytes: zipSync(ordered, { level: 6, mtime: zipDate(snapshot.meta.updatedAt) }), loss };
}

function selection(
  guid: string,
  start: number,
  end: number,
  text: string,
  coder: string | undefined,
  userGuid: (c: string) => string,
  created: string,
  memo: string | undefined,
  codings: XmlOut[],
): XmlOut {
  return {
    name: 'PlainTextSelection',
    attributes: {
      guid,
      name: excerpt(text),
      startPosition: String(start),
      endPosition: String(end),
      creatingUser: coder !== undefined ? userGuid(coder) : undefined,
      creationDateTime: created,
    },
    children: [...(memo ? [{ name: 'Description', children: [memo] }] : []), ...codings],
  };
}

function codeTree(tags: readonly Tag[]): XmlOut[] {
  const index = childIndex(new Map(tags.map((t) => [t.id, t])));
  const code = (tag: Tag): XmlOut => {
    const description = [tag.description, tag.whenToUse && `When to use: ${tag.whenToUse}`, tag.whenNotToUse && `When not to use: ${tag.whenNotToUse}`].filter((s): s is string => !!s).join('\n\n');
    return {
      name: 'Code',
      attributes: { guid: guidFor(tag.id), name: tag.name, isCodable: 'true', color: normalizeColor(tag.color)?.toUpperCase() },
      children: [...(description ? [{ name: 'Description', children: [description] }] : []), ...(index.get(tag.id) ?? []).map(code)],
    };
  };
  return (index.get('') ?? []).map(code);
}

function casesOf(participants: readonly Participant[]): { variables: XmlOut[]; cases: XmlOut[] } {
  const values = new Map<string, (string | number)[]>();
  for (const p of participants) for (const [k, v] of Object.entries(p.attributes)) values.set(k, [...(values.get(k) ?? []), v]);
  const types = new Map<string, 'Integer' | 'Float' | 'Text'>();
  for (const [k, vs] of values) {
    types.set(k, vs.every((v) => typeof v === 'number' && Number.isInteger(v)) ? 'Integer' : vs.every((v) => typeof v === 'number') ? 'Float' : 'Text');
  }
  const variables: XmlOut[] = [...types].map(([k, type]) => ({ name: 'Variable', attributes: { guid: stableGuid('variable', k), name: k, typeOfVariable: type } }));
  const cases: XmlOut[] = participants.map((p) => ({
    name: 'Case',
    attributes: { guid: stableGuid('participant', p.id), name: p.name },
    children: [
      ...Object.entries(p.attributes).map(([k, v]) => ({
        name: 'VariableValue',
        children: [{ name: 'VariableRef', attributes: { targetGUID: stableGuid('variable', k) } }, { name: `${types.get(k) ?? 'Text'}Value`, children: [String(v)] }],
      })),
      ...p.sourceIds.map((s) => ({ name: 'SourceRef', attributes: { targetGUID: stableGuid('source', s) } })),
    ],
  }));
  return { variables, cases };
}

function reportExportLoss(s: WorkspaceSnapshot, loss: LossReport, multiline: number): void {
  const t = s.tables;
  addLoss(loss, 'workspace', `${t.questions.length} survey question(s): REFI-QDA has no questions; answers are exported as lines of text.`, t.questions.length);
  const meta = t.units.filter((u: Unit) => u.speaker !== undefined || u.startSec !== undefined || u.section !== undefined || u.row !== undefined).length;
  addLoss(loss, 'workspace', `${meta} unit(s) lose their speaker, time, section or row (REFI-QDA text has no structure).`, meta);
  addLoss(loss, 'workspace', `${multiline} unit(s) contain line breaks; on import (also by Loupe) each line becomes its own paragraph.`, multiline);
  const participantLinks = t.units.filter((u) => u.participantId !== undefined).length;
  addLoss(loss, 'workspace', `${participantLinks} link(s) from a unit to its participant (cases keep only the participant's sources).`, participantLinks);
  addLoss(loss, 'workspace', `${t.clusterings.length} clustering(s).`, t.clusterings.length);
  addLoss(loss, 'workspace', `${t.insights.length} insight(s).`, t.insights.length);
  addLoss(loss, 'workspace', `${t.reports.length} report(s).`, t.reports.length);
  const interviewers = t.participants.filter((p) => p.role === 'interviewer').length;
  addLoss(loss, 'workspace', `${interviewers} participant(s) marked as interviewer are exported as ordinary cases.`, interviewers);
  const sourceMeta = t.sources.filter((src) => src.kind !== 'transcript' || src.date !== undefined).length;
  addLoss(loss, 'workspace', `${sourceMeta} source(s) lose their kind (survey/notes) or date.`, sourceMeta);
  if (t.highlights.length > 0 || t.taggings.length > 0) loss.notes.push('Selection offsets are written as Unicode code points, end exclusive (REFI-QDA 1.5 §10.2).');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function zipDate(iso: string): Date {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || y < 1981 || y > 2099 ? new Date(Date.UTC(2026, 0, 1)) : d;
}

