/**
 * A small XML writer and a tolerant XML reader, enough for REFI-QDA codebooks and projects.
 * Why not a library: core has no DOMParser in node and may not use node:*, and the subset REFI-QDA needs
 * (elements, attributes, text, CDATA, comments, PIs, a DOCTYPE to skip, the five named entities and
 * character references) is small enough to own and test, without adding a dependency to the whole app.
 * "Tolerant" means real-world exports don't fail on small faults: unknown entities are kept as written,
 * stray or mismatched end tags are repaired, a missing end at EOF is closed, namespace prefixes are dropped.
 */

export interface XmlElement {
  /** Local name: "Code" for both <Code> and <qda:Code>. */
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** 1-based line of the start tag, for messages. */
  line: number;
}

export type XmlNode = XmlElement | string;

/** The file is not XML at all (no root element, a broken tag); `line` points at the problem. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

// ---------- writing ----------

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character references.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes and whitespace controls, which attribute normalization would flatten. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export interface XmlOut {
  name: string;
  attributes?: Record<string, string | undefined>;
  /** Child elements, or one text string. */
  children?: (XmlOut | string)[];
}

/** Serializes an element tree with two-space indentation; text-only elements stay on one line. */
export function writeXml(root: XmlOut): string {
  const lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const write = (el: XmlOut, indent: string): void => {
    const attrs = Object.entries(el.attributes ?? {})
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
      .join('');
    const children = el.children ?? [];
    if (children.length === 0) {
      lines.push(`${indent}<${el.name}${attrs} />`);
    } else if (children.every((c) => typeof c === 'string')) {
      lines.push(`${indent}<${el.name}${attrs}>${children.map((c) => escapeText(String(c))).join('')}</${el.name}>`);
    } else {
      lines.push(`${indent}<${el.name}${attrs}>`);
      for (const c of children) {
        if (typeof c === 'string') lines.push(`${indent}  ${escapeText(c)}`);
        else write(c, `${indent}  `);
      }
      lines.push(`${indent}</${el.name}>`);
    }
  };
  write(root, '');
  return `${lines.join('\n')}\n`;
}

// ---------- reading ----------

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** Parses a document and returns its root element. Whitespace-only text between elements is dropped. */
export function parseXml(input: string): XmlElement {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let pos = 0;
  let line = 1;
  const advanceTo = (to: number): void => {
    for (let i = pos; i < to; i++) if (text.charCodeAt(i) === 10) line++;
    pos = to;
  };
  const skipPast = (marker: string, what: string): void => {
    const end = text.indexOf(marker, pos);
    if (end < 0) throw new XmlError(`The file ends inside ${what}.`, line);
    advanceTo(end + marker.length);
  };

  const root: XmlElement = { name: '#document', attributes: {}, children: [], line: 1 };
  const stack: XmlElement[] = [root];
  const top = (): XmlElement => stack[stack.length - 1] ?? root;

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const chunkEnd = lt < 0 ? text.length : lt;
    if (chunkEnd > pos) {
      const raw = text.slice(pos, chunkEnd);
      if (raw.trim() !== '' && stack.length > 1) top().children.push(decodeEntities(raw.replace(/\r\n?/g, '\n')));
      advanceTo(chunkEnd);
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', pos)) skipPast('-->', 'a comment');
    else if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos);
      if (end < 0) throw new XmlError('The file ends inside a CDATA section.', line);
      if (stack.length > 1) top().children.push(text.slice(pos + 9, end).replace(/\r\n?/g, '\n'));
      advanceTo(end + 3);
    } else if (text.startsWith('<?', pos)) skipPast('?>', 'a processing instruction');
    else if (text.startsWith('<!', pos)) {
      // DOCTYPE, possibly with an internal subset in [...]
      let depth = 0;
      let i = pos + 2;
      for (; i < text.length; i++) {
        const c = text[i];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      advanceTo(Math.min(i + 1, text.length));
    } else if (text.startsWith('</', pos)) {
      const m = /^<\/\s*([^\s>]+)\s*>?/.exec(text.slice(pos, pos + 300));
      const name = localName(m?.[1] ?? '');
      // Close up to the matching open element; a stray end tag with no match is ignored.
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      advanceTo(pos + (m?.[0].length ?? 2));
    } else {
      const startLine = line;
      const m = /^<([A-Za-z_:][-\w.:]*)/.exec(text.slice(pos, pos + 300));
      if (!m?.[1]) {
        // A bare "<" in text: keep it as text rather than fail.
        if (stack.length > 1) top().children.push('<');
        advanceTo(pos + 1);
        continue;
      }
      let i = pos + m[0].length;
      const attributes: Record<string, string> = {};
      const attrRe = /\s*([^\s=/>]+)\s*(?:=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/y;
      for (;;) {
        attrRe.lastIndex = i;
        const a = attrRe.exec(text);
        if (!a?.[1] || a[0].length === 0) break;
        const value = a[3] ?? a[4] ?? a[5] ?? '';
        attributes[localName(a[1])] = decodeEntities(value.replace(/[\t\n\r]/g, ' '));
        i += a[0].length;
      }
      while (i < text.length && /\s/.test(text[i] ?? '')) i++;
      const selfClosing = text[i] === '/';
      if (selfClosing) i++;
      if (text[i] !== '>') throw new XmlError(`The tag <${m[1]}> is not closed with ">".`, startLine);
      const el: XmlElement = { name: localName(m[1]), attributes, children: [], line: startLine };
      top().children.push(el);
      if (!selfClosing) stack.push(el);
      advanceTo(i + 1);
    }
  }
  const first = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!first) throw new XmlError('The file holds no XML element.', line);
  return first;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** All descendant text, concatenated. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

/** Attribute by name; falls back to a case-insensitive match, since some exporters get the case wrong. */
export function attribute(el: XmlElement, name: string): string | undefined {
  if (name in el.attributes) return el.attributes[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(el.attributes)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** First element named `name` anywhere under `el` (depth first), including `el` itself. */
export function findElement(el: XmlElement, name: string): XmlElement | undefined {
  if (el.name === name) return el;
  for (const c of childElements(el)) {
    const found = findElement(c, name);
    if (found) return found;
  }
  return undefined;
}
