import { describe, expect, it } from 'vitest';
import type { PassageInfo, TermStats } from './lexical.ts';
import { prepareQuery } from './query.ts';
import { agencyKey, coverageTerms } from './rerank.ts';
import { asksBackMatter, structureFactor } from './structure.ts';
import { words } from './normalize.ts';

const stats = (known: readonly string[]): TermStats => ({ passages: 100, df: (t) => (known.includes(t) ? 10 : 0) });

describe('coverageTerms', () => {
  it('leaves out English words the glossary missed and bigrams no passage holds', () => {
    const q = prepareQuery('Which agency handles frobnication of dossiers?');
    const terms = coverageTerms(q, stats(['co', 'quan', 'ho', 'so', 'co_quan', 'ho_so']));
    expect(terms.content.map(([t]) => t)).not.toContain('frobnication');
    expect(terms.content.map(([t]) => t)).toEqual(expect.arrayContaining(['ho', 'so']));
    expect(terms.bigrams.every(([t]) => ['co_quan', 'ho_so'].includes(t))).toBe(true);
  });

  it('keeps a Vietnamese word no passage holds: the plans not knowing it is a reason to refuse', () => {
    const q = prepareQuery('Cơ quan nào tổ chức đối thoại?');
    expect(coverageTerms(q, stats(['co', 'quan'])).content.map(([t]) => t)).toContain('thoai');
  });
});

describe('agencyKey', () => {
  it('makes mentions of one agency group meet', () => {
    const fold = (s: string) => agencyKey(words(s).map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd')));
    expect(fold('Thủ trưởng các sở, ban, ngành')).toEqual(fold('các sở, ngành'));
    expect(fold('Chủ tịch UBND các huyện')).toEqual(['ubnd', 'huyen']);
  });
});

describe('back matter', () => {
  const back = { kind: 'back', text: 'Nơi nhận: - Như trên; - Sở Tư pháp;' } as PassageInfo;
  it('is demoted unless the question asks for the recipients or the signer', () => {
    expect(structureFactor(back, [], false)).toBeLessThan(1);
    expect(structureFactor(back, [], true)).toBe(1);
    expect(asksBackMatter(prepareQuery('Kế hoạch gửi tới nơi nhận nào?').terms.sequence)).toBe(true);
    expect(asksBackMatter(prepareQuery('Who are the recipients of the plan?').terms.sequence)).toBe(true);
    expect(asksBackMatter(prepareQuery('Đài PT-TH tỉnh có nhiệm vụ gì?').terms.sequence)).toBe(false);
  });
});
