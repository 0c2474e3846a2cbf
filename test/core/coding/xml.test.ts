import { describe, expect, it } from 'vitest';
import { escapeAttribute, parseXml, textContent, writeXml, XmlError } from '../../../src/core/coding';

describe('xml', () => {
  it('escapes text and attributes so any string survives a write/read round trip', () => {
    const nasty = 'a & b < c > d "q" \'s\' \ttab\nnew\r\nline 👍 \u0001ctrl';
    const xml = writeXml({ name: 'Root', attributes: { v: nasty }, children: [{ name: 'T', children: [nasty] }] });
    const root = parseXml(xml);
    const expected = nasty.replace('\u0001', '');
    expect(root.attributes.v).toBe(expected);
    expect(textContent(root)).toBe(expected);
    expect(escapeAttribute('"<&>"')).toBe('&quot;&lt;&amp;&gt;&quot;');
  });

  it('reports a broken start tag with its line', () => {
    try {
      parseXml('<a>\n<b x="1"\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XmlError);
      expect((e as XmlError).line).toBe(2);
    }
  });

  it('repairs stray end tags and closes elements left open at the end', () => {
    const root = parseXml('<a><b>one</c></b><d>two');
    expect(root.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['b', 'd']);
    expect(textContent(root)).toBe('onetwo');
  });
});
