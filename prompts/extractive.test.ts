import { describe, expect, it } from 'vitest';
import { composeExtractive } from './extractive.ts';
import { DIALOGUE, DIGITISE, GOAL, JUSTICE, ROW, VAT, clause, lookupOf, resultOf } from './handmade.fixture.ts';
import { readQuestion } from './intent.ts';

function compose(question: string, ranked = [VAT, JUSTICE], extra = {}) {
  return composeExtractive(readQuestion(question), resultOf(question, ranked, extra), lookupOf());
}

describe('composeExtractive: who leads, who coordinates', () => {
  it('names the lead and the coordinators in Vietnamese, citing the clause verbatim with its task code', () => {
    const a = compose('Ở Nam Định cơ quan nào chủ trì tháo gỡ vướng mắc hoàn thuế GTGT?');
    expect(a.answerable).toBe(true);
    expect(a.lang).toBe('vi');
    expect(a.answer).toMatch(/^Cục Thuế tỉnh chủ trì, phối hợp với UBND các huyện, thành phố Nam Định\./u);
    expect(a.citations[0]).toMatchObject({ doc: 'nd24.txt', section: 'IV.2.5.e', text: VAT.text, province: 'Nam Định', year: 2024, number: '417/KH-UBND' });
    expect(a.taskId).toBe('ND24-04SE');
    expect(a.citations[0]?.taskId).toBe('ND24-04SE');
  });

  it('frames an English question in English, names staying Vietnamese', () => {
    const a = compose('Which agency leads VAT refunds in Nam Dinh?');
    expect(a.lang).toBe('en');
    expect(a.answer).toMatch(/^Lead: Cục Thuế tỉnh\. Coordinating: UBND các huyện, thành phố Nam Định\./u);
  });

  it('says only the lead when the task has no coordinator', () => {
    const a = compose('ai chu tri ra soat van ban quy pham phap luat', [JUSTICE, VAT]);
    expect(a.answer).toBe('Sở Tư pháp chủ trì.');
    expect(a.answer).not.toMatch(/phối hợp/u);
  });

  it('prefers a near-top clause that is a task over a top clause without agencies, but not a distant one', () => {
    const near = compose('Cơ quan nào chủ trì hoàn thuế?', [GOAL, VAT], {});
    expect(near.citations[0]?.section).toBe('IV.2.5.e');
    const far = composeExtractive(readQuestion('Cơ quan nào chủ trì hoàn thuế?'), resultOf('q', [GOAL, VAT], {}, 0.5), lookupOf());
    expect(far.citations[0]?.section).toBe('I.1');
  });

  it('answers an appendix row with its lead and assessing columns as written', () => {
    const vi = compose('Cơ quan nào chủ trì đánh giá tỷ lệ hồ sơ trực tuyến?', [ROW]);
    expect(vi.answer).toBe('Cơ quan chủ trì thực hiện: Sở, ban, ngành. Cơ quan chủ trì đánh giá: VP UBND tỉnh.');
    const en = compose('Which agency assesses the online dossier rate?', [ROW]);
    expect(en.answer).toBe('Lead (implementing): Sở, ban, ngành. Lead (assessing): VP UBND tỉnh.');
  });
});

describe('composeExtractive: deadlines and targets', () => {
  it('takes the date from the sentence the question is about, then quotes that sentence', () => {
    const a = compose('Bộ phận một cửa cấp huyện số hóa hồ sơ TTHC từ ngày nào?', [DIGITISE]);
    expect(a.answer).toMatch(/^Thời hạn: từ ngày 01\/12\/2022\. Kế hoạch nêu: “từ ngày 01\/12\/2022 đối với các TTHC tại Bộ phận một cửa cấp huyện/u);
    const tinh = compose('Trung tâm Phục vụ hành chính công tỉnh số hóa hồ sơ từ ngày nào?', [DIGITISE]);
    expect(tinh.answer).toMatch(/^Thời hạn: từ ngày 01\/6\/2022\./u);
  });

  it('gives the target value and its sentence', () => {
    const a = compose('Mỗi năm phải duy trì ít nhất mấy cuộc đối thoại với doanh nghiệp?', [DIALOGUE]);
    expect(a.answer).toMatch(/^Chỉ tiêu: ít nhất 02 cuộc\. Kế hoạch nêu: “Trung tâm Phục vụ Hành chính công tỉnh chủ trì/u);
    expect(a.answer).not.toMatch(/Kịp thời xử lý/u);
  });

  it('gives an appendix row target with the row description', () => {
    const a = compose('What minimum share of dossiers must be received online?', [ROW]);
    expect(a.answer).toBe('Target: Tối thiểu 50%. From the plan: “Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận.”');
  });
});

describe('composeExtractive: duties and other questions', () => {
  it('puts the lead before the duty when the duty sentences do not name it', () => {
    const bullet = clause('III.2~1', 'Rà soát, công bố thủ tục hành chính mới. Cập nhật dữ liệu lên Cổng Dịch vụ công.');
    const lookup = lookupOf([bullet], [{ id: 'X', key: bullet.id, docId: 'nd24.txt', clauseId: bullet.id, section: 'III.2', text: bullet.text, lead: ['Văn phòng UBND tỉnh'], coordinators: [], evaluators: [], reportTo: [], canonical: {}, now: {}, deadline: null, targets: [] }]);
    const a = composeExtractive(readQuestion('Văn phòng UBND tỉnh phải làm gì về công bố thủ tục hành chính?'), resultOf('q', [bullet]), lookup);
    expect(a.answer).toBe('Văn phòng UBND tỉnh: Rà soát, công bố thủ tục hành chính mới.');
  });

  it('trims the best clause to the sentences holding the question words, in document order', () => {
    const a = compose('Thước đo chất lượng phục vụ là gì?', [GOAL]);
    expect(a.answer).toBe('Lấy sự hài lòng của người dân làm thước đo chất lượng phục vụ.');
    expect(a.citations[0]?.text).toBe(GOAL.text);
  });
});

describe('composeExtractive: refusals and citations', () => {
  it('says a plan is not loaded when retrieval refused the scope', () => {
    const q = 'Đà Nẵng năm 2022 ai chủ trì hoàn thuế?';
    const a = composeExtractive(readQuestion(q), resultOf(q, [], { answerable: false, refusal: 'unknown_scope', filters: { provinces: ['Đà Nẵng'], years: [2022], kinds: [] } }), lookupOf());
    expect(a).toMatchObject({ answerable: false, citations: [], taskId: null });
    expect(a.answer).toBe('Không tìm thấy trong các kế hoạch đã nạp: chưa nạp kế hoạch nào của thành phố Đà Nẵng (kể cả Quảng Nam trước khi hợp nhất) năm 2022.');
    const en = composeExtractive(readQuestion('Who leads VAT refunds in Da Nang?'), resultOf('q', [], { answerable: false, refusal: 'unknown_scope', filters: { provinces: ['Đà Nẵng'], years: [], kinds: [] } }), lookupOf());
    expect(en.answer).toBe('Not found in the loaded plans: no plan for Đà Nẵng (including Quảng Nam before the 2025 merger) has been loaded.');
  });

  it('refuses when retrieval found nothing that answers, even with hits', () => {
    const a = compose('Nam Định xây bao nhiêu sân bóng?', [GOAL], { answerable: false, refusal: 'low_score' });
    expect(a.answerable).toBe(false);
    expect(a.answer).toMatch(/^Không tìm thấy trong các kế hoạch đã nạp: không có điều khoản nào/u);
  });

  it('cites at most five near-best clauses, best first, each with its own verbatim text', () => {
    const many = Array.from({ length: 8 }, (_, i) => clause(`V.${i + 1}`, `Nội dung số ${i + 1} về hoàn thuế.`));
    const a = composeExtractive(readQuestion('hoàn thuế'), resultOf('hoàn thuế', many, {}, 0.01), lookupOf(many, []));
    expect(a.citations).toHaveLength(5);
    expect(a.citations.map((c) => c.section)).toEqual(['V.1', 'V.2', 'V.3', 'V.4', 'V.5']);
    a.citations.forEach((c, i) => expect(c.text).toBe(many[i]?.text));
    const spread = composeExtractive(readQuestion('hoàn thuế'), resultOf('hoàn thuế', many, {}, 0.3), lookupOf(many, []));
    expect(spread.citations.map((c) => c.section)).toEqual(['V.1', 'V.2']);
  });
});
