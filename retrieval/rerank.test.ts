import { describe, expect, it } from 'vitest';
import { passageTerms } from './analyze.ts';
import type { PassageInfo, TermStats } from './lexical.ts';
import { prepareQuery } from './query.ts';
import { agencyKey, asksOccasion, cohesion, coverage, coverageTerms, organisationFit, planNameShare, rerank, statesTime, type RerankContext } from './rerank.ts';
import { asksBackMatter, structureFactor } from './structure.ts';
import { fold, words } from './normalize.ts';

const stats = (known: readonly string[]): TermStats => ({ passages: 100, df: (t) => (known.includes(t) ? 10 : 0) });

describe('coverageTerms', () => {
  it('leaves out English words the glossary missed and bigrams no passage holds', () => {
    const q = prepareQuery('Which agency handles frobnication of dossiers?');
    const terms = coverageTerms(q, stats(['co', 'quan', 'ho', 'so', 'co_quan', 'ho_so']));
    const wordsOf = terms.words.flatMap((slot) => slot.alternatives.flat().map(([t]) => t));
    expect(wordsOf).not.toContain('frobnication');
    expect(wordsOf).toEqual(expect.arrayContaining(['ho', 'so']));
    expect(terms.bigrams.every((slot) => ['co_quan', 'ho_so'].includes(slot.alternatives[0]![0]![0]))).toBe(true);
  });

  it('keeps a Vietnamese word no passage holds: the plans not knowing it is a reason to refuse', () => {
    const q = prepareQuery('Cơ quan nào tổ chức đối thoại?');
    expect(coverageTerms(q, stats(['co', 'quan'])).words.flatMap((slot) => slot.alternatives.flat().map(([t]) => t))).toContain('thoai');
  });

  it('weighs a syllable pair by how much it is one word, so chance pairs never count against a clause', () => {
    const df: Record<string, number> = { chu: 40, tri: 30, chu_tri: 28, viec: 200, tri_viec: 1 };
    const s: TermStats = { passages: 1000, df: (t) => df[t] ?? 0 };
    expect(cohesion(s, 'chu_tri')).toBeCloseTo(28 / 30);
    expect(cohesion(s, 'tri_viec')).toBeCloseTo(1 / 30);
    const q = prepareQuery('Sở nào chủ trì việc rà soát?');
    const weights = new Map(coverageTerms(q, s).bigrams.map((slot) => [slot.alternatives[0]![0]![0], slot.weight]));
    expect(weights.get('tri_viec') ?? 0).toBeLessThan(weights.get('chu_tri')! / 10);
  });

  it('counts an English word found when the clause says any of its Vietnamese renderings', () => {
    const q = prepareQuery('Which agency leads the training of officials?');
    const known = ['dao', 'tao', 'tap', 'huan', 'boi', 'duong', 'can', 'bo', 'cong', 'chuc', 'chu', 'tri'];
    const terms = coverageTerms(q, stats(known));
    const says = (list: string[]) => ({ terms: { has: (t: string) => list.includes(t) } }) as unknown as PassageInfo;
    // "training" → "đào tạo tập huấn": a clause saying "đào tạo" alone says it.
    const base = ['co', 'quan', 'chu', 'tri', 'can', 'bo', 'cong', 'chuc'];
    expect(coverage(terms, says([...base, 'dao', 'tao']))).toBeCloseTo(1);
    expect(coverage(terms, says([...base, 'tap', 'huan']))).toBeCloseTo(1);
    expect(coverage(terms, says(base))).toBeLessThan(0.9);
  });

  it('counts neither way a word the clause lacks but its plan\'s name holds', () => {
    const q = prepareQuery('Theo KH 308, ai rà soát chiến lược dữ liệu?');
    const terms = coverageTerms(q, stats(['308', 'ra', 'soat', 'chien', 'luoc', 'du', 'lieu', 'ke', 'hoach', 'kh']));
    const passage = { terms: { has: (t: string) => ['ra', 'soat', 'chien', 'luoc', 'du', 'lieu'].includes(t) } } as unknown as PassageInfo;
    const named = (t: string) => ['308', 'kh', 'ke', 'hoach'].includes(t);
    expect(coverage(terms, passage, named)).toBeGreaterThan(coverage(terms, passage));
    expect(coverage(terms, passage, named)).toBeCloseTo(1);
  });
  it('finds the role words of a task ("do ai chủ trì", "phối hợp") in a table row, which says them by its columns', () => {
    const q = prepareQuery('tỷ lệ giao dịch không dùng tiền mặt 80% do ai chủ trì');
    const terms = coverageTerms(q, stats(['ty', 'le', 'giao', 'dich', 'khong', 'dung', 'tien', 'mat', '80', 'chu', 'tri', 'chu_tri', 'ty_le', 'tien_mat']));
    const text = ['ty', 'le', 'giao', 'dich', 'khong', 'dung', 'tien', 'mat', '80', 'ty_le', 'tien_mat'];
    const as = (kind: string) => ({ kind, terms: { has: (t: string) => text.includes(t) } }) as unknown as PassageInfo;
    expect(coverage(terms, as('row'))).toBeCloseTo(1);
    expect(coverage(terms, as('point'))).toBeLessThan(0.9);
  });

  it('finds "tối đa" in a clause stating a bound ("dưới 50%"), not in one stating none', () => {
    const q = prepareQuery('rác sinh hoạt chôn lấp trực tiếp tối đa bao nhiêu');
    const terms = coverageTerms(q, stats(['rac', 'sinh', 'hoat', 'chon', 'lap', 'truc', 'tiep', 'toi', 'da', 'toi_da', 'sinh_hoat', 'chon_lap', 'truc_tiep']));
    const clause = (text: string): PassageInfo => ({ kind: 'point', text, terms: new Set(passageTerms(text)) }) as unknown as PassageInfo;
    expect(coverage(terms, clause('dưới 50% rác thải sinh hoạt được xử lý bằng phương pháp chôn lấp trực tiếp'))).toBeCloseTo(1);
    expect(coverage(terms, clause('rác thải sinh hoạt được xử lý bằng phương pháp chôn lấp trực tiếp'))).toBeLessThan(0.9);
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

describe('questions about the plan itself', () => {
  const known = ['co', 'quan', 'chu', 'tri', 'ke', 'hoach', 'trien', 'khai', 'quy', 'du', 'lieu', 'ra', 'soat', 'phan', 'mem', 'quyet', 'dinh', '6'];
  const planName = (t: string) => ['ke', 'hoach', 'trien', 'khai', 'quyet', 'dinh', '6', 'quy', 'du', 'lieu'].includes(t);
  const passage = (text: string, breadcrumb: string[]) => ({ text, breadcrumb }) as unknown as PassageInfo;
  const organisation = passage('Chủ trì xây dựng, tổ chức thực hiện, theo dõi, đôn đốc thực hiện Kế hoạch.', ['IV. TỔ CHỨC THỰC HIỆN', '1. Sở Tài chính (cơ quan chủ trì)']);
  const task = passage('Rà soát, nâng cấp phần mềm quản lý dữ liệu quy hoạch.', ['III. NHIỆM VỤ']);

  it('lift the organisation part when the question is the plan\'s name and "who"', () => {
    const q = prepareQuery('Cơ quan nào chủ trì KH triển khai QĐ 06 về dữ liệu quy hoạch?');
    const share = planNameShare(coverageTerms(q, stats(known)).words, planName);
    expect(share).toBeGreaterThanOrEqual(0.6);
    expect(organisationFit(organisation, share, q.intents)).toBe(1);
    expect(organisationFit(task, share, q.intents)).toBe(0);
  });

  it('leave a question about one task alone', () => {
    const q = prepareQuery('Cơ quan nào chủ trì rà soát phần mềm?');
    const share = planNameShare(coverageTerms(q, stats(known)).words, planName);
    expect(share).toBeLessThan(0.6);
    expect(organisationFit(organisation, share, q.intents)).toBe(0);
  });
});

describe('a national plan in a province\'s question', () => {
  const passage = (id: string, text: string): PassageInfo => ({
    id,
    docId: 'ttg',
    section: id,
    kind: 'row',
    text,
    breadcrumb: ['Phụ lục'],
    parentId: null,
    terms: new Set(passageTerms(text)),
    opening: words(text).slice(0, 14).map(fold),
    headingOpening: [],
  });
  const everywhere = passage('N.1', 'Thiết lập và triển khai thí điểm vùng phát thải thấp (LEZ) tại các địa phương.');
  const named = passage('IV.1', 'Thí điểm vùng phát thải thấp (LEZ) tại Hà Nội và Thành phố Hồ Chí Minh.');
  const ctx = (question: string): RerankContext => ({
    query: prepareQuery(question),
    passages: new Map([everywhere, named].map((p) => [p.id, p])),
    stats: { passages: 100, df: () => 10 },
    docKinds: new Map(),
    national: new Set(['ttg']),
  });
  const candidates = [
    { id: 'N.1', fused: 1, lanes: {} },
    { id: 'IV.1', fused: 0.9, lanes: {} },
  ];

  it('ranks the clause naming the province asked about first', () => {
    expect(rerank(candidates, ctx('TP.HCM thí điểm vùng phát thải thấp LEZ khi nào?')).map((r) => r.id)).toEqual(['IV.1', 'N.1']);
  });

  it('gives that clause no edge in another province\'s question', () => {
    expect(rerank(candidates, ctx('Đà Nẵng thí điểm vùng phát thải thấp LEZ khi nào?')).map((r) => r.id)).toEqual(['N.1']);
  });

  it('keeps only the clause naming the province when that province has no plan of its own (placeOnly)', () => {
    const q = 'Theo KHHĐ quốc gia, TP.HCM thí điểm vùng phát thải thấp LEZ khi nào?';
    expect(rerank(candidates, { ...ctx(q), placeOnly: true }).map((r) => r.id)).toEqual(['IV.1']);
    expect(rerank(candidates, { ...ctx('Theo KHHĐ quốc gia, Đà Nẵng thí điểm LEZ khi nào?'), placeOnly: true })).toEqual([]);
  });
});

describe('a clause stating a time', () => {
  const info = (kind: string, text: string): PassageInfo => ({
    id: 'x', docId: 'd', section: 'x', kind, text, breadcrumb: [], parentId: null, terms: new Set(passageTerms(text)), opening: [], headingOpening: [],
  });
  it('reads dates and periods in text, and a bare year in a table row\'s column', () => {
    expect(statesTime(info('point', 'Hoàn thành trước ngày 15/12/2025.'))).toBe(true);
    expect(statesTime(info('point', 'Đề xuất giải pháp cải thiện môi trường đầu tư năm tới.'))).toBe(false);
    expect(statesTime(info('row', 'Đề xuất giải pháp cải thiện môi trường đầu tư Sở Tài chính Sở Công Thương 2025'))).toBe(true);
    expect(statesTime(info('row', 'Theo Quyết định số 12/2025/QĐ-UBND ngày 01/01/2025'))).toBe(false);
  });

  it('takes the occasion that sets an event off for "khi nào", not for a deadline ("không khí" is no "khi")', () => {
    const text = 'Tổ chức chiến dịch truyền thông khẩn cấp khi VN_AQI ≥ 300 trong 03 ngày liên tiếp.';
    expect(asksOccasion(['khi', 'nao', 'phai', 'mo', 'chien', 'dich'])).toBe(true);
    expect(asksOccasion(['han', 'chot', 'nao'])).toBe(false);
    expect(statesTime(info('point', text), true)).toBe(true);
    expect(statesTime(info('point', text))).toBe(false);
    expect(statesTime(info('point', 'Cải thiện chất lượng không khí đô thị.'), true)).toBe(false);
  });
});
