/**
 * Codebook as REFI-QDA `.qdc` (namespace urn:QDA-XML:codebook:1.0): CodeBook > Codes > Code, with children
 * as nested Code elements (as the schema and ATLAS.ti write them; a nested <Codes> wrapper is read too).
 *
 * REFI-QDA has one Description per code and no "when to use" fields, so those are appended to the
 * description as labelled paragraphs ("When to use: …") and split off again on import — other tools show
 * them as readable text, Loupe gets them back as fields.
 * GUIDs: a tag whose id is a UUID keeps it; other ids get a stable GUID derived from the id (SHA-256), so
 * exporting twice gives the same file. On import the guid becomes the tag id when it is free.
 */
import type { Tag } from '../model';
import { sha256Hex } from '../sha256';
import type { CodebookEntry, CodebookIssue, ParsedCodebook } from './exchange';
import { childIndex, normalizeColor } from './tree';
import { attribute, childElements, findElement, parseXml, textContent, writeXml, XmlError, type XmlElement, type XmlOut } from './xml';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHEN = 'When to use: ';
const WHEN_NOT = 'When not to use: ';

export function guidFor(id: string): string {
  if (UUID.test(id)) return id.toUpperCase();
  const h = sha256Hex(new TextEncoder().encode(`loupe-tag:${id}`));
  // Shaped as a version-4-style GUID so strict readers accept it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

function describe(e: Pick<CodebookEntry, 'description' | 'whenToUse' | 'whenNotToUse'>): string | undefined {
  const parts = [e.description, e.whenToUse && `${WHEN}${e.whenToUse}`, e.whenNotToUse && `${WHEN_NOT}${e.whenNotToUse}`].filter((s): s is string => !!s);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

export function exportCodebookQdc(tags: ReadonlyMap<string, Tag>, options: { origin?: string } = {}): string {
  const index = childIndex(tags);
  const code = (tag: Tag): XmlOut => {
    const description = describe(tag);
    return {
      name: 'Code',
      attributes: { guid: guidFor(tag.id), name: tag.name, isCodable: 'true', color: normalizeColor(tag.color)?.toUpperCase() },
      children: [...(description ? [{ name: 'Description', children: [description] }] : []), ...(index.get(tag.id) ?? []).map(code)],
    };
  };
  return writeXml({
    name: 'CodeBook',
    attributes: { xmlns: QDC_NAMESPACE, origin: options.origin ?? 'Loupe' },
    children: [{ name: 'Codes', children: (index.get('') ?? []).map(code) }],
  });
}

function splitDescription(text: string): Pick<CodebookEntry, 'description' | 'whenToUse' | 'whenNotToUse'> {
  const out: Pick<CodebookEntry, 'description' | 'whenToUse' | 'whenNotToUse'> = {};
  const rest: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    if (para.startsWith(WHEN)) out.whenToUse = para.slice(WHEN.length).trim();
    else if (para.startsWith(WHEN_NOT)) out.whenNotToUse = para.slice(WHEN_NOT.length).trim();
    else rest.push(para);
  }
  const description = rest.join('\n\n').trim();
  if (description) out.description = description;
  return out;
}

/** Reads a `.qdc` codebook — or the CodeBook inside a `.qde` project. Malformed XML is reported, not thrown. */
export function importCodebookQdc(xml: string): ParsedCodebook {
  const issues: CodebookIssue[] = [];
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    return { entries: [], issues: [{ line: e.line, severity: 'error', message: `Line ${e.line}: ${e.message} The file is not a readable REFI-QDA codebook.` }] };
  }
  const book = findElement(root, 'CodeBook');
  if (!book) return { entries: [], issues: [{ line: 0, severity: 'error', message: 'The file has no CodeBook. Export a codebook (.qdc) or a project (.qde/.qdpx) from your QDA tool.' }] };
  const entries: CodebookEntry[] = [];
  const codeChildren = (el: XmlElement): XmlElement[] => [
    ...childElements(el, 'Code'),
    ...childElements(el, 'Codes').flatMap((c) => childElements(c, 'Code')),
  ];
  const visit = (el: XmlElement, parentPath: string[]): void => {
    const name = (attribute(el, 'name') ?? '').trim();
    if (name === '') {
      issues.push({ line: el.line, severity: 'error', message: `Line ${el.line}: a Code has no name; it and its sub-codes were skipped.` });
      return;
    }
    const path = [...parentPath, name];
    const entry: CodebookEntry = { path, line: el.line };
    const guid = attribute(el, 'guid');
    if (guid) entry.guid = guid;
    const rawColor = attribute(el, 'color');
    if (rawColor) {
      const color = normalizeColor(rawColor);
      if (color) entry.color = color;
      else issues.push({ line: el.line, severity: 'warning', message: `Line ${el.line}: “${rawColor}” is not a color; “${name}” gets a default color.` });
    }
    const desc = childElements(el, 'Description')[0];
    if (desc) Object.assign(entry, splitDescription(textContent(desc).replace(/\r\n?/g, '\n').trim()));
    entries.push(entry);
    for (const child of codeChildren(el)) visit(child, path);
  };
  for (const codes of childElements(book, 'Codes')) for (const code of childElements(codes, 'Code')) visit(code, []);
  if (entries.length === 0 && issues.length === 0) issues.push({ line: book.line, severity: 'warning', message: 'The codebook has no codes.' });
  return { entries, issues };
}
