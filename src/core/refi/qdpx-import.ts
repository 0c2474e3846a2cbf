/**
 * REFI-QDA 1.5 project import (`.qdpx`): text sources with their coded selections, the codebook, cases and
 * variables, notes. Tolerant of what real exports do: the project XML under any name (`Trial.qde`), a
 * `Sources/` folder in any case, PlainTextContent instead of a file, GUIDs in braces, media that is not in
 * the zip. Everything that cannot be represented in Loupe is listed in the loss report, never dropped quietly.
 *
 * Mapping: TextSource → source (kind transcript) with one unit per non-blank line; PlainTextSelection →
 * a highlight per unit it covers, each Coding → a tagging on it (a selection covering exactly one whole
 * line with no note becomes a whole-unit tagging, which is how Loupe exports unit tagging); Case → participant
 * (VariableValues → attributes); Note referenced by a selection → the highlight's memo, by a code → its
 * description; other notes → a notes source.
 */
import { unzipSync } from 'fflate';
import { applyChangeSet, codingState } from '../coding/changeset';
import { importCodebookQdc } from '../coding/codebook-qdc';
import { importCodebook } from '../coding/exchange';
import { attribute, childElements, parseXml, textContent, XmlError, type XmlElement } from '../coding/xml';
import { newId, nowIso } from '../ids';
import { emptyTables, type Highlight, type Participant, type Source, type Tag, type Tagging, type Unit, type WorkspaceSnapshot } from '../model';
import { unitId } from '../unit-id';
import { addLoss, documentLines, emptyLoss, idFromGuid, RefiError, type LossReport } from './common';

export interface QdpxImportOptions {
  newId?: () => string;
  now?: string;
  /** Coder name for selections that name no user. */
  fallbackCoder?: string;
}

export interface QdpxImport {
  snapshot: WorkspaceSnapshot;
  loss: LossReport;
}

interface Ctx {
  files: Record<string, Uint8Array>;
  loss: LossReport;
  users: Map<string, string>;
  codes: Map<string, string>;
  notes: Map<string, string>;
  now: string;
  newId: () => string;
  fallbackCoder: string;
  usedIds: Set<string>;
  out: WorkspaceSnapshot['tables'];
  /** Notes consumed as memos or descriptions, so they are not imported again as sources. */
  noteUsed: Set<string>;
}

export function importQdpx(bytes: Uint8Array, options: QdpxImportOptions = {}): QdpxImport {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new RefiError('not-a-project', 'This file is not a REFI-QDA project (.qdpx): it is not a zip archive. Export the project again from your QDA tool.');
  }
  const loss = emptyLoss();
  const projectPath = findProjectXml(Object.keys(files));
  if (projectPath === undefined) {
    throw new RefiError('no-project-xml', 'This .qdpx holds no project file (.qde). Export the whole project (not only a codebook) from your QDA tool.');
  }
  if (projectPath.toLowerCase() !== 'project.qde') loss.notes.push(`The project was read from ${projectPath} (the standard name is project.qde).`);
  const project = parseProject(files[projectPath] ?? new Uint8Array(), projectPath);
  return importProjectElement(project, files, loss, options);
}

/** A lone `.qde` file (no zip): sources must then carry PlainTextContent. */
export function importQde(xml: string, options: QdpxImportOptions = {}): QdpxImport {
  return importProjectElement(parseProject(new TextEncoder().encode(xml), 'the .qde file'), {}, emptyLoss(), options);
}

function findProjectXml(names: string[]): string | undefined {
  const qde = names.filter((n) => n.toLowerCase().endsWith('.qde') && !n.endsWith('/'));
  const depth = (n: string): number => n.split('/').length;
  qde.sort((a, b) => Number(a.toLowerCase() !== 'project.qde') - Number(b.toLowerCase() !== 'project.qde') || depth(a) - depth(b) || a.localeCompare(b));
  return qde[0];
}

function parseProject(data: Uint8Array, where: string): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(new TextDecoder('utf-8').decode(data));
  } catch (e) {
    if (e instanceof XmlError) throw new RefiError('bad-xml', `${where} is not readable XML (line ${e.line}: ${e.message}). Export the project again.`);
    throw e;
  }
  if (root.name !== 'Project') throw new RefiError('bad-xml', `${where} is not a REFI-QDA project: its root element is <${root.name}>, not <Project>.`);
  return root;
}

function importProjectElement(project: XmlElement, files: Record<string, Uint8Array>, loss: LossReport, options: QdpxImportOptions): QdpxImport {
  const now = options.now ?? nowIso();
  const ctx: Ctx = {
    files,
    loss,
    users: new Map(),
    codes: new Map(),
    notes: new Map(),
    now,
    newId: options.newId ?? newId,
    fallbackCoder: options.fallbackCoder ?? 'imported',
    usedIds: new Set(),
    out: emptyTables(),
    noteUsed: new Set(),
  };
  for (const u of sectionItems(project, 'Users', 'User')) {
    const guid = attribute(u, 'guid');
    if (guid) ctx.users.set(idFromGuid(guid), attribute(u, 'name')?.trim() || idFromGuid(guid));
  }
  const noteElements = sectionItems(project, 'Notes', 'Note');
  for (const n of noteElements) {
    const guid = attribute(n, 'guid');
    if (guid) ctx.notes.set(idFromGuid(guid), readText(ctx, n, `note “${attribute(n, 'name') ?? guid}”`) ?? '');
  }

  importCodes(ctx, project);
  for (const el of childElements(project, 'Sources').flatMap((s) => childElements(s))) importSource(ctx, el);
  importCases(ctx, project);
  for (const n of noteElements) {
    const guid = attribute(n, 'guid');
    if (guid && ctx.noteUsed.has(idFromGuid(guid))) continue;
    importTextSource(ctx, n, 'notes', `Note: ${attribute(n, 'name')?.trim() || 'untitled'}`);
  }
  reportUnrepresented(ctx, project);
  // Said only when there were offsets to read: a loss report lists what applies to this project.
  if (ctx.out.highlights.length > 0) loss.notes.push('Selection offsets were read as Unicode code points with the end position exclusive (REFI-QDA 1.5 §10.2).');

  const name = attribute(project, 'name')?.trim() || 'Imported project';
  const created = attribute(project, 'creationDateTime') ?? now;
  return {
    snapshot: { meta: { id: ctx.newId(), name, createdAt: created, updatedAt: attribute(project, 'modifiedDateTime') ?? created }, tables: ctx.out },
    loss,
  };
}

function sectionItems(project: XmlElement, section: string, item: string): XmlElement[] {
  return childElements(project, section).flatMap((s) => childElements(s, item));
}

function freshId(ctx: Ctx, wanted: string): string {
  const id = wanted && !ctx.usedIds.has(wanted) ? wanted : ctx.newId();
  ctx.usedIds.add(id);
  return id;
}

function guidOf(el: XmlElement): string | undefined {
  const g = attribute(el, 'guid');
  return g ? idFromGuid(g) : undefined;
}

function noteTexts(ctx: Ctx, el: XmlElement): string[] {
  return childElements(el, 'NoteRef')
    .map((r) => idFromGuid(attribute(r, 'targetGUID') ?? ''))
    .filter((id) => ctx.notes.has(id))
    .map((id) => {
      ctx.noteUsed.add(id);
      return ctx.notes.get(id) ?? '';
    })
    .filter((t) => t.trim() !== '');
}

// ---------- codes ----------

function importCodes(ctx: Ctx, project: XmlElement): void {
  const book = childElements(project, 'CodeBook')[0];
  if (!book) return;
  // The coding module owns codebook reading (descriptions, "when to use", colors); it reads a .qde as well.
  const parsed = importCodebookQdc(writeBack(book));
  for (const issue of parsed.issues) if (issue.severity === 'error') addLoss(ctx.loss, 'code', issue.message);
  const op = importCodebook(codingState({}), parsed.entries, { env: { newId: ctx.newId, now: () => ctx.now } });
  const tags = [...applyChangeSet(codingState({}), op.changes).tags.values()];
  const pathId = new Map<string, string>();
  const byId = new Map(tags.map((t) => [t.id, t]));
  const pathOf = (t: Tag): string => {
    const parts: string[] = [];
    for (let cur: Tag | undefined = t; cur; cur = cur.parentId !== undefined ? byId.get(cur.parentId) : undefined) parts.unshift(cur.name.toLowerCase());
    return parts.join('\u0000');
  };
  for (const t of tags) pathId.set(pathOf(t), t.id);
  let merged = 0;
  for (const e of parsed.entries) {
    const id = pathId.get(e.path.map((p) => p.trim().toLowerCase()).join('\u0000'));
    if (id === undefined || e.guid === undefined) continue;
    if (ctx.codes.has(idFromGuid(e.guid))) continue;
    if ([...ctx.codes.values()].includes(id)) merged++;
    ctx.codes.set(idFromGuid(e.guid), id);
  }
  if (merged > 0) ctx.loss.notes.push(`${merged} code(s) had the same name as a sibling and were combined into one tag.`);
  // Notes attached to codes become part of the tag's description.
  const memo = new Map<string, string[]>();
  let notCodable = 0;
  const walk = (el: XmlElement): void => {
    for (const code of childElements(el, 'Code')) {
      const guid = guidOf(code);
      const tagId = guid !== undefined ? ctx.codes.get(guid) : undefined;
      const texts = noteTexts(ctx, code);
      if (tagId !== undefined && texts.length > 0) memo.set(tagId, [...(memo.get(tagId) ?? []), ...texts]);
      if (attribute(code, 'isCodable') === 'false') notCodable++;
      walk(code);
    }
    for (const codes of childElements(el, 'Codes')) walk(codes);
  };
  walk(book);
  if (notCodable > 0) ctx.loss.notes.push(`${notCodable} code(s) were marked not codable (folders); Loupe imports them as ordinary tags.`);
  for (const t of tags) {
    const extra = memo.get(t.id);
    ctx.usedIds.add(t.id);
    ctx.out.tags.push(extra ? { ...t, description: [t.description, ...extra.map((m) => `Memo: ${m.trim()}`)].filter((s) => s).join('\n\n') } : t);
  }
}

/** The CodeBook element as text again, for the coding module's reader (it locates CodeBook itself). */
function writeBack(el: XmlElement): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const attrs = Object.entries(el.attributes)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  const inner = el.children.map((c) => (typeof c === 'string' ? esc(c) : writeBack(c))).join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

// ---------- sources ----------

const MEDIA: Record<string, { kind: 'pdf' | 'picture' | 'audio' | 'video'; label: string; selection: string }> = {
  PDFSource: { kind: 'pdf', label: 'PDF', selection: 'PDFSelection' },
  PictureSource: { kind: 'picture', label: 'picture', selection: 'PictureSelection' },
  AudioSource: { kind: 'audio', label: 'audio', selection: 'AudioSelection' },
  VideoSource: { kind: 'video', label: 'video', selection: 'VideoSelection' },
};

function importSource(ctx: Ctx, el: XmlElement): void {
  const name = attribute(el, 'name')?.trim() || guidOf(el) || 'untitled';
  if (el.name === 'TextSource') {
    importTextSource(ctx, el, 'transcript', name);
    reportSourceExtras(ctx, el, name);
    return;
  }
  const media = MEDIA[el.name];
  if (!media) {
    addLoss(ctx.loss, 'workspace', `Source “${name}” is a <${el.name}>, which Loupe does not know; it was not imported.`);
    return;
  }
  const path = attribute(el, 'path') ?? '';
  const internal = path.toLowerCase().startsWith('internal://') && findInternal(ctx.files, path) !== undefined;
  const selections = childElements(el, media.selection);
  const codings = selections.reduce((n, s) => n + childElements(s, 'Coding').length, 0) + childElements(el, 'Coding').length;
  if (!internal) {
    addLoss(ctx.loss, 'external-media', `The ${media.label} “${name}” is referenced outside the project file (${path || 'no path'}); it was not imported.`);
  }
  addLoss(
    ctx.loss,
    media.kind,
    `${media.label[0]?.toUpperCase() ?? ''}${media.label.slice(1)} source “${name}”: Loupe holds text only, so the file, its ${selections.length} selection(s) and ${codings} coding(s) were not imported.`,
  );
  // A PDF's plain-text representation is ordinary text, with its own text selections: that part survives.
  const representation = childElements(el, 'Representation')[0];
  if (representation) {
    importTextSource(ctx, representation, 'notes', name);
    ctx.loss.notes.push(`The text representation of “${name}” was imported as a text source.`);
  }
  for (const t of childElements(el, 'Transcript')) {
    const lost = childElements(t, 'TranscriptSelection').length;
    addLoss(ctx.loss, media.kind, `The transcript of “${name}” (${lost} synchronised selection(s)) was not imported.`);
  }
}

function reportSourceExtras(ctx: Ctx, el: XmlElement, name: string): void {
  addLoss(ctx.loss, 'source-coding', `Source “${name}”: coding of the whole document (Loupe tags units or passages).`, childElements(el, 'Coding').length);
  addLoss(ctx.loss, 'source-variable', `Source “${name}”: variable values of the document (Loupe keeps attributes on participants).`, childElements(el, 'VariableValue').length);
  const refs = childElements(el, 'NoteRef').length;
  addLoss(ctx.loss, 'note-link', `Source “${name}”: the link to its note(s); the notes themselves were imported as notes sources.`, refs);
}

function findInternal(files: Record<string, Uint8Array>, path: string): Uint8Array | undefined {
  const rel = path.replace(/^internal:\/\//i, '').replace(/\\/g, '/').replace(/^\/+/, '');
  const wanted = rel.toLowerCase();
  const base = wanted.split('/').pop() ?? wanted;
  const names = Object.keys(files);
  const hit =
    names.find((n) => n.toLowerCase() === `sources/${wanted}`) ??
    names.find((n) => n.toLowerCase() === wanted) ??
    names.find((n) => n.toLowerCase().endsWith(`/sources/${wanted}`)) ??
    names.find((n) => (n.toLowerCase().split('/').pop() ?? '') === base);
  return hit === undefined ? undefined : files[hit];
}

/** The element's plain text, from PlainTextContent or its plainTextPath; undefined (and reported) when unavailable. */
function readText(ctx: Ctx, el: XmlElement, what: string): string | undefined {
  const inline = childElements(el, 'PlainTextContent')[0];
  if (inline) return textContent(inline);
  const path = attribute(el, 'plainTextPath');
  if (!path) {
    const rich = attribute(el, 'richTextPath');
    if (rich) addLoss(ctx.loss, 'rich-text', `${capital(what)} has only a formatted (DOCX) version and no plain text; it was not imported.`);
    else addLoss(ctx.loss, 'missing-text', `${capital(what)} has no text (neither PlainTextContent nor plainTextPath); it was not imported.`);
    return undefined;
  }
  if (!/^internal:\/\//i.test(path)) {
    addLoss(ctx.loss, 'external-media', `${capital(what)}: its text is referenced outside the project file (${path}); it was not imported.`);
    return undefined;
  }
  const data = findInternal(ctx.files, path);
  if (!data) {
    addLoss(ctx.loss, 'missing-text', `${capital(what)}: its text file ${path} is missing from the .qdpx; it was not imported.`);
    return undefined;
  }
  const text = new TextDecoder('utf-8').decode(data);
  if (text.charCodeAt(0) === 0xfeff) {
    ctx.loss.notes.push(`${capital(what)}: the text file starts with a byte-order mark, which was not counted as a character.`);
    return text.slice(1);
  }
  return text;
}

function capital(s: string): string {
  return `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;
}

function importTextSource(ctx: Ctx, el: XmlElement, kind: Source['kind'], title: string): void {
  const text = readText(ctx, el, `source “${title}”`);
  const selections = childElements(el, 'PlainTextSelection');
  if (text === undefined) {
    addLoss(ctx.loss, 'selection', `Source “${title}”: its ${selections.length} selection(s) were lost with its text.`, selections.length);
    return;
  }
  const sourceId = freshId(ctx, guidOf(el) ?? '');
  const created = attribute(el, 'creationDateTime') ?? ctx.now;
  const updated = attribute(el, 'modifiedDateTime') ?? created;
  ctx.out.sources.push({ id: sourceId, createdAt: created, updatedAt: updated, kind, title, vendor: 'refi-qda', encoding: 'utf-8', fileName: title });
  const lines = documentLines(text);
  const units: Unit[] = lines.map((line, seq) => ({ id: unitId(sourceId, seq), createdAt: created, updatedAt: updated, sourceId, seq, text: line.text }));
  ctx.out.units.push(...units);
  const docLength = [...text].length;
  let split = 0;
  for (const sel of selections) split += importSelection(ctx, sel, title, lines, units, docLength) > 1 ? 1 : 0;
  if (split > 0) ctx.loss.notes.push(`Source “${title}”: ${split} selection(s) spanning several lines became one highlight per line.`);
}

/** Returns the number of highlights or unit taggings the selection became. */
function importSelection(ctx: Ctx, sel: XmlElement, title: string, lines: readonly { start: number; length: number }[], units: readonly Unit[], docLength: number): number {
  const start = Number(attribute(sel, 'startPosition'));
  const end = Number(attribute(sel, 'endPosition'));
  const label = `Source “${title}”: selection ${attribute(sel, 'startPosition') ?? '?'}–${attribute(sel, 'endPosition') ?? '?'}`;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || start >= docLength) {
    addLoss(ctx.loss, 'selection', `${label} is not a valid range of the text (${docLength} characters); it was not imported.`);
    return 0;
  }
  if (end > docLength) ctx.loss.notes.push(`${label} ends after the text (${docLength} characters); it was cut at the end.`);
  const description = childElements(sel, 'Description').map((d) => textContent(d).trim());
  const memo = [...description, ...noteTexts(ctx, sel)].filter((s) => s !== '').join('\n\n');
  const selCoder = userName(ctx, attribute(sel, 'creatingUser'));
  const codings = childElements(sel, 'Coding').flatMap((c) => {
    const ref = childElements(c, 'CodeRef')[0];
    const tagId = ctx.codes.get(idFromGuid(attribute(ref ?? c, 'targetGUID') ?? ''));
    if (tagId === undefined) {
      addLoss(ctx.loss, 'selection', `${label}: a coding points at a code that is not in the codebook; it was not imported.`);
      return [];
    }
    return [{ guid: guidOf(c) ?? '', tagId, coder: userName(ctx, attribute(c, 'creatingUser')) ?? selCoder ?? ctx.fallbackCoder, at: attribute(c, 'creationDateTime') }];
  });
  const created = attribute(sel, 'creationDateTime') ?? ctx.now;
  const updated = attribute(sel, 'modifiedDateTime') ?? created;
  const parts: { unit: Unit; s: number; e: number }[] = [];
  lines.forEach((line, i) => {
    const s = Math.max(start, line.start);
    const e = Math.min(end, line.start + line.length);
    const unit = units[i];
    if (e > s && unit) parts.push({ unit, s: s - line.start, e: e - line.start });
  });
  if (parts.length === 0) {
    addLoss(ctx.loss, 'selection', `${label} covers only line breaks or blank space; it was not imported.`);
    return 0;
  }
  const selGuid = guidOf(sel) ?? '';
  parts.forEach((p, i) => {
    const suffix = i === 0 ? '' : `#${i}`;
    const whole = p.s === 0 && p.e === [...p.unit.text].length && memo === '' && codings.length > 0;
    let highlightId: string | undefined;
    if (!whole) {
      const h: Highlight = { id: freshId(ctx, selGuid + suffix), createdAt: created, updatedAt: updated, unitId: p.unit.id, start: p.s, end: p.e, coder: selCoder ?? codings[0]?.coder ?? ctx.fallbackCoder };
      if (memo !== '') h.memo = memo;
      ctx.out.highlights.push(h);
      highlightId = h.id;
    }
    for (const c of codings) {
      const at = c.at ?? created;
      const t: Tagging = { id: freshId(ctx, c.guid + suffix), createdAt: at, updatedAt: at, tagId: c.tagId, unitId: p.unit.id, coder: c.coder };
      if (highlightId !== undefined) t.highlightId = highlightId;
      ctx.out.taggings.push(t);
    }
  });
  return parts.length;
}

function userName(ctx: Ctx, guid: string | undefined): string | undefined {
  if (!guid) return undefined;
  const id = idFromGuid(guid);
  return ctx.users.get(id) ?? id;
}

// ---------- cases, variables, the rest ----------

function importCases(ctx: Ctx, project: XmlElement): void {
  const variables = new Map<string, string>();
  for (const v of sectionItems(project, 'Variables', 'Variable')) {
    const guid = guidOf(v);
    if (guid) variables.set(guid, attribute(v, 'name')?.trim() || guid);
  }
  const sourceIds = new Set(ctx.out.sources.map((s) => s.id));
  const casesOfSource = new Map<string, string[]>();
  for (const c of sectionItems(project, 'Cases', 'Case')) {
    const id = freshId(ctx, guidOf(c) ?? '');
    const name = attribute(c, 'name')?.trim() || id;
    const attributes: Participant['attributes'] = {};
    for (const vv of childElements(c, 'VariableValue')) {
      const ref = childElements(vv, 'VariableRef')[0];
      const key = variables.get(idFromGuid(attribute(ref ?? vv, 'targetGUID') ?? '')) ?? 'variable';
      const value = variableValue(vv);
      if (value !== undefined) attributes[key] = value;
    }
    const refs = childElements(c, 'SourceRef').map((r) => idFromGuid(attribute(r, 'targetGUID') ?? '')).filter((s) => sourceIds.has(s));
    for (const s of refs) casesOfSource.set(s, [...(casesOfSource.get(s) ?? []), id]);
    ctx.out.participants.push({ id, createdAt: ctx.now, updatedAt: ctx.now, name, role: 'participant', attributes, sourceIds: refs });
    const lost = childElements(c, 'CodeRef').length + childElements(c, 'SelectionRef').length;
    addLoss(ctx.loss, 'case-coding', `Case “${name}”: its codes and selection links (Loupe links participants to sources and units).`, lost);
  }
  // A document that belongs to exactly one case is that participant's words.
  const only = new Map([...casesOfSource].filter(([, ids]) => ids.length === 1).map(([s, ids]) => [s, ids[0] ?? '']));
  ctx.out.units = ctx.out.units.map((u) => {
    const p = only.get(u.sourceId);
    return p ? { ...u, participantId: p } : u;
  });
}

function variableValue(vv: XmlElement): string | number | undefined {
  for (const kind of ['IntegerValue', 'FloatValue']) {
    const el = childElements(vv, kind)[0];
    if (el) {
      const n = Number(textContent(el).trim());
      return Number.isFinite(n) ? n : textContent(el).trim();
    }
  }
  for (const kind of ['TextValue', 'BooleanValue', 'DateValue', 'DateTimeValue']) {
    const el = childElements(vv, kind)[0];
    if (el) return textContent(el).trim();
  }
  return undefined;
}

function reportUnrepresented(ctx: Ctx, project: XmlElement): void {
  const links = sectionItems(project, 'Links', 'Link');
  addLoss(ctx.loss, 'link', `${links.length} link(s) between codes, selections or notes (Loupe has no links).`, links.length);
  const graphs = sectionItems(project, 'Graphs', 'Graph');
  addLoss(ctx.loss, 'graph', `${graphs.length} graph(s): ${graphs.map((g) => `“${attribute(g, 'name') ?? 'untitled'}”`).join(', ')} (Loupe has no network views).`, graphs.length);
  for (const set of sectionItems(project, 'Sets', 'Set')) {
    const n = ['MemberCode', 'MemberSource', 'MemberNote'].reduce((k, m) => k + childElements(set, m).length, 0);
    addLoss(ctx.loss, 'set', `Set “${attribute(set, 'name') ?? 'untitled'}” with ${n} member(s) (Loupe has no sets; its members were imported).`);
  }
  const description = childElements(project, 'Description')[0];
  if (description && textContent(description).trim() !== '') addLoss(ctx.loss, 'project', 'The project description (a Loupe workspace has only a name).');
  const base = attribute(project, 'basePath');
  if (base) ctx.loss.notes.push(`The project names a base path on the exporting computer (${base}); it was ignored.`);
}
