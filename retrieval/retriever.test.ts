import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clause, DocHeader } from '../corpus/types.ts';
import { createRetriever } from './retriever.ts';
import { VectorIndex } from './vector-index.ts';
import type { Embedder, IndexedDocument, Passage } from './types.ts';

const header = (province: string, year: number, kind: string): DocHeader => ({
  issuer: null, number: null, date: null, province, year, title: `Kế hoạch ${kind} năm ${year}`, implements: null, kind,
});
const ND24: IndexedDocument = { id: 'nd24.txt', header: header('Nam Định', 2024, 'nq02') };
const BG24: IndexedDocument = { id: 'bg24.txt', header: header('Bắc Giang', 2024, 'nq02') };

let order = 0;
function passage(doc: IndexedDocument, section: string, text: string, breadcrumb: string[] = []): Passage {
  const clause: Clause = {
    id: `${doc.id}#${section}`, docId: doc.id, section, kind: 'point', label: null, breadcrumb, text,
    parentId: null, order: order++, depth: 2,
  };
  return { clause, doc };
}

const PASSAGES: Passage[] = [
  passage(ND24, 'IV.2.5.e', 'Cục Thuế tỉnh chủ trì, phối hợp với các sở, ban, ngành khẩn trương tháo gỡ các vướng mắc về hoàn thuế giá trị gia tăng.', ['Tăng khả năng tiếp cận vốn']),
  passage(ND24, 'IV.2.5.d', 'Sở Xây dựng chủ trì, phối hợp với các đơn vị liên quan lập danh mục dự án nhà ở xã hội.'),
  passage(ND24, 'IV.5', 'Sở Tư pháp chủ trì rà soát văn bản quy phạm pháp luật liên quan đến doanh nghiệp.'),
  passage(BG24, 'II.4.đ', 'Ngân hàng Nhà nước chi nhánh tỉnh chỉ đạo các tổ chức tín dụng đẩy mạnh thanh toán không dùng tiền mặt.'),
  passage(BG24, 'II.5.a', 'Cục Thuế tỉnh đẩy mạnh hoàn thuế giá trị gia tăng điện tử cho doanh nghiệp.'),
];

async function build(extra: Partial<Parameters<typeof createRetriever>[0]> = {}) {
  const retriever = createRetriever({ ...extra });
  await retriever.sync(PASSAGES);
  return retriever;
}

describe('createRetriever', () => {
  it('finds the clause for a Vietnamese question and keeps to the province asked', async () => {
    const r = await build();
    const res = await r.search('Ở Bắc Giang ai đẩy mạnh hoàn thuế GTGT điện tử?');
    expect(res.answerable).toBe(true);
    expect(res.hits[0]?.section).toBe('II.5.a');
    expect(res.hits.every((h) => h.doc === 'bg24.txt')).toBe(true);
    expect(res.hits[0]?.lanes.lexicalRank).toBe(1);
  });

  it('answers English and no-diacritics questions from the same clause', async () => {
    const r = await build();
    const en = await r.search('Which agency leads VAT refunds in Nam Định?');
    const bare = await r.search('nam dinh co quan nao chu tri thao go vuong mac hoan thue gtgt');
    expect(en.hits[0]?.section).toBe('IV.2.5.e');
    expect(bare.hits[0]?.section).toBe('IV.2.5.e');
    expect((await r.search('What is the Department of Justice in Nam Dinh asked to do?')).hits[0]?.section).toBe('IV.5');
  });

  it('refuses a province or year no plan covers, and questions the plans do not touch', async () => {
    const r = await build();
    expect(await r.search('Kế hoạch năm 2022 của Bắc Giang giao sở nào chủ trì?')).toMatchObject({ answerable: false, refusal: 'unknown_scope', hits: [] });
    expect(await r.search('Đà Nẵng ai chủ trì hoàn thuế?')).toMatchObject({ answerable: false, refusal: 'unknown_scope' });
    const off = await r.search('Nam Định xây dựng bao nhiêu sân bóng đá mini cho thanh niên?');
    expect(off.answerable).toBe(false);
  });

  it('refuses the duties of an agency its plans never name, answers those of one they do', async () => {
    const r = await build();
    expect((await r.search('Công an tỉnh Nam Định được giao nhiệm vụ gì?')).answerable).toBe(false);
    const named = await r.search('Sở Tư pháp Nam Định được giao nhiệm vụ gì?');
    expect(named.answerable).toBe(true);
    expect(named.hits[0]?.section).toBe('IV.5');
    expect((await r.search('Sở Xây dựng Nam Định được giao nhiệm vụ gì?')).answerable).toBe(true);
  });

  it('follows a point that answers "who coordinates" with the heading above it that names them', async () => {
    const HCM: IndexedDocument = { id: 'hcm.txt', header: header('Hồ Chí Minh', 2025, 'thiên tai') };
    const clause = (section: string, text: string, parentId: string | null, breadcrumb: string[]): Passage => ({
      clause: { id: `hcm.txt#${section}`, docId: 'hcm.txt', section, kind: parentId ? 'bullet' : 'item', label: null, breadcrumb, text, parentId, order: order++, depth: parentId ? 2 : 1 },
      doc: HCM,
    });
    const heading = 'Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Ủy ban nhân dân các phường, xã:';
    const r = createRetriever();
    await r.sync([
      clause('V.2', heading, null, []),
      clause('V.2~1', 'Lồng ghép nội dung phòng, chống thiên tai với một số môn học trong chương trình giáo dục phổ thông.', 'hcm.txt#V.2', [heading]),
      clause('V.2~2', 'Xây dựng phương án bảo đảm an toàn cho học sinh khi xảy ra thiên tai.', 'hcm.txt#V.2', [heading]),
      clause('V.3', 'Sở Y tế chủ trì nâng cao năng lực ứng phó thiên tai cho người khuyết tật.', null, []),
    ]);
    const res = await r.search('Ở TP.HCM, cơ quan nào phối hợp lồng ghép phòng chống thiên tai vào môn học?');
    expect(res.hits.slice(0, 2).map((h) => h.clauseId)).toEqual(['hcm.txt#V.2~1', 'hcm.txt#V.2']);
    expect(res.hits[0]?.text).toContain('Lồng ghép nội dung');
    expect(res.hits[1]?.text).toBe(heading);
    // Asked what is done, not who: the point alone leads.
    expect((await r.search('Ở TP.HCM, nội dung phòng chống thiên tai được lồng ghép vào đâu?')).hits[1]?.text).not.toBe(heading);
  });

  it('syncs idempotently and replaces a changed document', async () => {
    const r = createRetriever();
    expect((await r.sync(PASSAGES)).written).toEqual(['nd24.txt', 'bg24.txt']);
    expect((await r.sync(PASSAGES)).written).toEqual([]);
    expect((await r.sync([passage(ND24, 'I.1', 'Phấn đấu PCI thuộc nhóm 25 tỉnh dẫn đầu.')])).written).toEqual(['nd24.txt']);
    expect((await r.search('Nam Định PCI nhóm bao nhiêu tỉnh dẫn đầu')).hits[0]?.section).toBe('I.1');
    await r.remove(['nd24.txt']);
    expect(r.documents().map((d) => d.id)).toEqual(['bg24.txt']);
  });

  it('prefers the clause whose task lead is the agency the question names', async () => {
    const tasks = new Map([['nd24.txt#IV.2.5.d', { lead: ['Sở Xây dựng'], coordinators: [] }]]);
    const r = await build({ taskByClause: (id) => tasks.get(id) });
    const res = await r.search('Sở Xây dựng Nam Định chủ trì việc gì?');
    expect(res.hits[0]?.section).toBe('IV.2.5.d');
  });

  it('fuses a dense lane when a model and an index are given', async () => {
    const dim = 4;
    const embed = (texts: string[]) => Promise.resolve(texts.map((t) => {
      const v = new Float32Array(dim);
      v[t.includes('tiền mặt') || t.includes('cashless') ? 0 : 1] = 1;
      return v;
    }));
    const embedder: Embedder = { modelId: 'fake', dim, embedQueries: embed, embedPassages: embed };
    const vectors = VectorIndex.open(path.join(os.tmpdir(), 'retriever-test-unsaved'), { modelId: 'fake', dim });
    const r = await build({ embedder, vectors });
    expect(r.denseAvailable).toBe(true);
    const res = await r.search('What must the State Bank in Bac Giang do about cashless payments?');
    expect(res.hits[0]?.section).toBe('II.4.đ');
    expect(res.hits[0]?.lanes).toMatchObject({ denseRank: 1, lexicalRank: 1 });
    expect(res.hits.every((h) => h.doc === 'bg24.txt')).toBe(true);
    const lexicalOnly = await r.search('What must the State Bank in Bac Giang do about cashless payments?', { lanes: ['lexical'] });
    expect(lexicalOnly.hits[0]?.lanes.dense).toBeUndefined();
    await r.remove(['bg24.txt']);
    expect(vectors.ids().some((id) => id.startsWith('bg24'))).toBe(false);
    expect(vectors.size).toBe(3);
  });
});
