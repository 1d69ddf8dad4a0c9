import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, excerpt, htmlToPlain, splitHtml } from './html.ts';

/** True when every opened tag is closed in order. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!m[1]) stack.push(m[2] ?? '');
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

describe('escapeHtml', () => {
  it('escapes markup characters and normalises to NFC', () => {
    expect(escapeHtml('<b>a & "b"</b>')).toBe('&lt;b&gt;a &amp; &quot;b&quot;&lt;/b&gt;');
    expect(escapeHtml('Ho\u0300a')).toBe('Hòa');
  });

  it('shortens excerpts at a word boundary', () => {
    expect(excerpt('một hai ba bốn năm sáu', 12)).toBe('một hai ba…');
    expect(excerpt('a < b', 10)).toBe('a &lt; b');
  });
});

describe('splitHtml', () => {
  it('keeps short messages whole', () => {
    expect(splitHtml('<b>xin chào</b>\ndòng 2')).toEqual(['<b>xin chào</b>\ndòng 2']);
  });

  it('cuts at line boundaries under the limit', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `dòng số ${i} của câu trả lời dài`);
    const parts = splitHtml(lines.join('\n'), 1000);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1000);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    for (const p of parts) expect(p.startsWith('dòng số ')).toBe(true);
  });

  it('closes and reopens tags across a cut and never cuts an entity', () => {
    const quote = `<blockquote>${'Sở &amp; ngành &lt;x&gt; '.repeat(300)}</blockquote>`;
    const parts = splitHtml(`<b>Nguồn</b>\n${quote}`, 500);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(500);
      expect(balanced(p)).toBe(true);
      expect(p).not.toMatch(/&[a-z]*$/);
    }
    expect(parts.slice(1).every((p) => p.startsWith('<blockquote>'))).toBe(true);
  });

  it('splits any text into valid pieces under the limit (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 120 }), { maxLength: 80 }), fc.integer({ min: 60, max: 400 }), (lines, limit) => {
        const html = lines.map((l, i) => (i % 3 === 0 ? `<i>${escapeHtml(l)}</i>` : escapeHtml(l))).join('\n');
        const parts = splitHtml(html, limit);
        return parts.every((p) => p.length <= limit && balanced(p)) &&
          htmlToPlain(parts.join('')).replace(/\s+/g, '') === htmlToPlain(html).replace(/\s+/g, '');
      }),
      { numRuns: 150 },
    );
  });
});
