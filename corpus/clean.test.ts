import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDocument, cleanText, unwrapLines } from './clean.ts';

/** The contract's tokens: NFC, lower case, runs of letters and digits. */
function tokens(text: string): string[] {
  return Array.from(text.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{N}]+/gu), (m) => m[0]);
}

function multiset(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

const RULE = ' '.repeat(43);

describe('cleanText', () => {
  it('normalises BOM, CRLF and NFC', () => {
    expect(cleanText('\uFEFFHoa\u0300 bi\u0300nh\r\nxong\r\n')).toBe('Hoà bình\nxong\n');
  });

  it('removes page numbers under a bottom margin, keeps table row numbers', () => {
    const raw = 'kinh doanh.\n\n\n6 \n\nf) Các sở\n\n01 \n\nCập nhật\n- 3 -\nTrang 4\nhết';
    expect(cleanText(raw)).toBe('kinh doanh.\n\n\n\nf) Các sở\n\n01\n\nCập nhật\nhết');
  });

  it('keeps a number right under text (not a page number without a margin)', () => {
    expect(cleanText('năm 2024 đạt\n2\nchỉ tiêu')).toBe('năm 2024 đạt\n2\nchỉ tiêu');
  });

  it('drops stray URL lines', () => {
    expect(cleanText('người\nhttps://thukyluat.vn/tim-kiem/?keyword=02/NQ-CP&match=True\n dân')).toBe('người\n dân');
  });

  it('lifts a page-foot footnote block and its glued citation', () => {
    const raw = ['tại các bộ, ngành và địa phương1; các Tổ công tác', RULE, '1 Được thành lập theo Quyết định số 1242/QĐ-TTg.', ' b) Các sở'].join('\n');
    const { text, footnotes } = cleanDocument(raw);
    expect(text).toBe('tại các bộ, ngành và địa phương; các Tổ công tác\n b) Các sở');
    expect(footnotes).toEqual([{ n: 1, text: 'Được thành lập theo Quyết định số 1242/QĐ-TTg.', line: 0 }]);
  });

  it('lifts a citation alone on its line and a note split as number / text', () => {
    const raw = ['theo Kế hoạch số 86/KH-UBND của UBND tỉnh', '1', '', '- Số hóa hồ sơ', RULE, '1', ' Kế hoạch số 86/KH-UBND ngày 28/7/2021', 'về cơ chế một cửa.', ' 2.3. Đẩy mạnh'].join('\n');
    const { text, footnotes } = cleanDocument(raw);
    expect(text.split('\n')).toEqual(['theo Kế hoạch số 86/KH-UBND của UBND tỉnh', '', '- Số hóa hồ sơ', ' 2.3. Đẩy mạnh']);
    expect(footnotes[0]).toMatchObject({ n: 1, text: 'Kế hoạch số 86/KH-UBND ngày 28/7/2021 về cơ chế một cửa.', line: 0 });
  });

  it('leaves a numbered block alone when nothing cites it', () => {
    const raw = ['văn bản không có trích dẫn', RULE, '1 Một dòng có số', ' tiếp tục'].join('\n');
    expect(tokens(cleanText(raw))).toEqual(tokens(raw));
  });

  it('joins a division word wrapped away from its number (web text: "**Điều" / "22. Trách nhiệm …**")', () => {
    const raw = ['Nội dung điều trước.', '**Điều', '22. Trách nhiệm của Sở Văn hóa, Thể thao và Du lịch**', '**Chương', 'III**', 'theo quy định tại Điều', '5 của Luật'].join('\n');
    expect(cleanText(raw).split('\n')).toEqual([
      'Nội dung điều trước.',
      'Điều 22. Trách nhiệm của Sở Văn hóa, Thể thao và Du lịch',
      'Chương III',
      'theo quy định tại Điều',
      '5 của Luật',
    ]);
  });

  it('strips markdown bold from web text', () => {
    expect(cleanText('**I. MỤC ĐÍCH,\nYÊU CẦU**\n*Bắc Ninh, ngày 20*')).toBe('I. MỤC ĐÍCH,\nYÊU CẦU\nBắc Ninh, ngày 20');
  });
});

describe('unwrapLines', () => {
  it('joins wrapped lines, re-joins codes broken at a hyphen, collapses spaces', () => {
    expect(unwrapLines(['Kế hoạch số 81/KH-', 'UBND ngày  15/6/2022 ', '', ' giai đoạn 2021-', '2025'])).toBe(
      'Kế hoạch số 81/KH-UBND ngày 15/6/2022 giai đoạn 2021-2025',
    );
  });

  it('keeps the space around a spaced dash and none before closing punctuation', () => {
    expect(unwrapLines(['khoa học -', 'công nghệ của Chính phủ', '. Năm 2022'])).toBe('khoa học - công nghệ của Chính phủ. Năm 2022');
  });
});

const WORDS = ['cải', 'cách', 'hành', 'chính', 'tỉnh', 'doanh', 'nghiệp', 'phối', 'hợp', 'đất', 'đai', 'Sở', 'Nội', 'vụ', 'thực', 'hiện', 'năm', '2024', 'quy', 'định'];
/** Words ending in a lower-case letter: a footnote citation can be glued to them. */
const GLUABLE = WORDS.filter((w) => /\p{Ll}$/u.test(w));

const line = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 9 }).map((ws) => ws.join(' '));
const page = fc.record({
  lines: fc.array(line, { minLength: 2, maxLength: 8 }),
  blankAfter: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  footnote: fc.option(fc.record({ glue: fc.constantFrom(...GLUABLE), words: line })),
  url: fc.boolean(),
  pageNumber: fc.constantFrom('bare', 'dashed', 'trang', 'none'),
});

type Page = typeof page extends fc.Arbitrary<infer P> ? P : never;

interface Built {
  raw: string;
  content: string[];
  artefacts: string[];
  notes: string[];
}

/** A document of pages: body lines, then maybe a footnote block, a URL, a page number. */
function buildDoc(pages: Page[]): Built {
  const out: string[] = [];
  const content: string[] = [];
  const artefacts: string[] = [];
  const notes: string[] = [];
  let n = 0;
  pages.forEach((p, k) => {
    p.lines.forEach((l, i) => {
      const text = (i === 0 && k > 0 ? ' ' : '') + l;
      content.push(l);
      if (i === p.lines.length - 1 && p.footnote) {
        n++;
        out.push(`${text} ${p.footnote.glue}${n};`);
        content.push(p.footnote.glue);
      } else out.push(text);
      if (p.blankAfter[i]) out.push('');
    });
    if (p.footnote) {
      out.push(RULE, `${n} ${p.footnote.words}`);
      notes.push(p.footnote.words);
    }
    if (p.url) {
      out.push('https://thukyluat.vn/tim-kiem/?keyword=02/NQ-CP&match=True');
      artefacts.push('https://thukyluat.vn/tim-kiem/?keyword=02/NQ-CP&match=True');
    }
    const num = String(k + 2);
    if (p.pageNumber === 'bare') out.push('', '', num, '');
    if (p.pageNumber === 'dashed') out.push(`- ${num} -`);
    if (p.pageNumber === 'trang') out.push(`Trang ${num}`);
  });
  return { raw: out.join('\n'), content, artefacts, notes };
}

describe('cleanText properties', () => {
  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => cleanText(cleanText(s)) === cleanText(s)),
      { numRuns: 150 },
    );
  });

  it('is idempotent on generated plan pages', () => {
    fc.assert(
      fc.property(fc.array(page, { minLength: 1, maxLength: 5 }), (pages) => {
        const once = cleanText(buildDoc(pages).raw);
        return cleanText(once) === once;
      }),
      { numRuns: 150 },
    );
  });

  it('removes exactly the injected artefacts and lifts exactly the footnotes', () => {
    fc.assert(
      fc.property(fc.array(page, { minLength: 1, maxLength: 5 }), (pages) => {
        const doc = buildDoc(pages);
        const { text, footnotes } = cleanDocument(doc.raw);
        expect(multiset(tokens(text))).toEqual(multiset(tokens(doc.content.join('\n'))));
        expect(footnotes.map((f) => f.text)).toEqual(doc.notes);
      }),
      { numRuns: 150 },
    );
  });
});
