/**
 * Test fixture: a hand-made plan (clauses, tasks, an appendix row) and a retriever stand-in
 * returning chosen hits, for testing answer composition without the parser or the indexes.
 */
import type { Clause, DocHeader, Task } from '../corpus/types.ts';
import type { Hit, QueryFilters, SearchResult } from '../retrieval/types.ts';
import type { AnswerLookup } from './candidates.ts';

export const DOC = 'nd24.txt';
export const HEADER: DocHeader = {
  issuer: 'Ủy ban nhân dân tỉnh Nam Định', number: '417/KH-UBND', date: '2024-01-19', province: 'Nam Định', year: 2024,
  title: 'Kế hoạch thực hiện Nghị quyết số 02/NQ-CP năm 2024', implements: null, kind: 'nq02',
};

let order = 0;
export function clause(section: string, text: string, extra: Partial<Clause> = {}): Clause {
  return {
    id: `${DOC}#${section}`, docId: DOC, section, kind: 'point', label: null, breadcrumb: [], text,
    parentId: null, order: order++, depth: 2, ...extra,
  };
}

export function task(c: Clause, fields: Partial<Task>): Task {
  return {
    id: `ND24-${c.section.replace(/\W/g, '').slice(-4).toUpperCase()}`, key: c.id, docId: DOC, clauseId: c.id, section: c.section,
    text: c.text, lead: [], coordinators: [], evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: null, targets: [], ...fields,
  };
}

export const VAT = clause('IV.2.5.e',
  'Cục Thuế tỉnh chủ trì, phối hợp với các sở, ban, ngành, UBND các huyện, thành phố Nam Định khẩn trương tháo gỡ các vướng mắc về hoàn thuế giá trị gia tăng; giải quyết hoàn thuế giá trị gia tăng kịp thời cho doanh nghiệp. Tiếp tục thực hiện Chỉ thị số 12/CT-UBND ngày 01/6/2023 của UBND tỉnh.');
export const JUSTICE = clause('IV.5', 'Sở Tư pháp rà soát văn bản quy phạm pháp luật liên quan đến doanh nghiệp.');
export const DIGITISE = clause('II.2.2',
  'Số hóa hồ sơ TTHC từ ngày 01/6/2022 đối với các TTHC tại Trung tâm Phục vụ hành chính công tỉnh; từ ngày 01/12/2022 đối với các TTHC tại Bộ phận một cửa cấp huyện.');
export const DIALOGUE = clause('IV.2.1.h',
  'Trung tâm Phục vụ Hành chính công tỉnh chủ trì tham mưu cho Chủ tịch UBND tỉnh duy trì hàng năm ít nhất 02 cuộc đối thoại với cộng đồng doanh nghiệp. Kịp thời xử lý các vướng mắc.');
export const GOAL = clause('I.1', 'Phấn đấu nâng cao điểm số PCI. Cải thiện chất lượng dịch vụ công. Lấy sự hài lòng của người dân làm thước đo chất lượng phục vụ.');
export const ROW = clause('Phụ lục.II.03', 'Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận. % Tối thiểu 50 Sở, ban, ngành VP UBND tỉnh', {
  kind: 'row',
  columns: {
    'Chỉ tiêu': 'Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận.',
    'Đơn vị': '%',
    'Chỉ tiêu năm 2024': 'Tối thiểu 50',
    'Cơ quan chủ trì thực hiện': 'Sở, ban, ngành',
    'Cơ quan chủ trì đánh giá': 'VP UBND tỉnh',
  },
});

export const CLAUSES = [VAT, JUSTICE, DIGITISE, DIALOGUE, GOAL, ROW];
export const TASKS: Task[] = [
  task(VAT, { id: 'ND24-04SE', lead: ['Cục Thuế tỉnh'], coordinators: ['UBND các huyện, thành phố Nam Định'] }),
  task(JUSTICE, { lead: ['Sở Tư pháp'] }),
  task(DIALOGUE, { lead: ['Trung tâm Phục vụ Hành chính công tỉnh'], targets: ['ít nhất 02 cuộc'] }),
  task(ROW, { lead: ['Sở, ban, ngành'], targets: ['Tối thiểu 50%'] }),
];

export function lookupOf(clauses: readonly Clause[] = CLAUSES, tasks: readonly Task[] = TASKS): AnswerLookup {
  const byId = new Map(clauses.map((c) => [c.id, c]));
  return {
    clause: (id) => byId.get(id),
    document: (docId) => (docId === DOC ? { id: DOC, header: HEADER } : undefined),
    taskByClause: (id) => tasks.find((t) => t.clauseId === id),
    parent: (id) => {
      const parentId = byId.get(id)?.parentId;
      return parentId ? byId.get(parentId) : undefined;
    },
  };
}

export function hitOf(c: Clause, score: number): Hit {
  return { clauseId: c.id, doc: c.docId, section: c.section, text: c.text, score, lanes: { lexical: score * 10, lexicalRank: 1 } };
}

const NO_FILTERS: QueryFilters = { provinces: [], years: [], kinds: [] };

/** A search result ranking the given clauses in order, scores falling from 0.9 by `step`. */
export function resultOf(question: string, ranked: readonly Clause[], extra: Partial<SearchResult> = {}, step = 0.05): SearchResult {
  return {
    question, filters: NO_FILTERS, answerable: ranked.length > 0, hits: ranked.map((c, i) => hitOf(c, 0.9 - i * step)),
    ms: 1, embedMs: 0, ...extra,
  };
}
