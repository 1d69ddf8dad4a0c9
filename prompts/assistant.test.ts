import { beforeAll, describe, expect, it } from 'vitest';
import type { Assistant } from './assistant.ts';
import { formatAnswerText } from './citation.ts';
import { sampleAssistant } from './sample-plans.fixture.ts';

/** The whole path on the five sample plans: parser, task extraction, lexical retrieval, composer. */
let assistant: Assistant;
beforeAll(async () => {
  assistant = await sampleAssistant();
}, 30_000);

describe('assistant on the sample plans', () => {
  it('answers an English lead question in English, citing the VAT refund clause and its task', async () => {
    const a = await assistant.ask('Which agency leads VAT refunds in Nam Định?', { id: 'q151' });
    expect(a).toMatchObject({ id: 'q151', answerable: true, lang: 'en', mode: 'extractive' });
    expect(a.answer).toMatch(/^Lead: Cục Thuế tỉnh\./u);
    expect(a.citations[0]).toMatchObject({ doc: 'nam-dinh-2024-nq02.txt', section: 'IV.2.5.e', province: 'Nam Định', year: 2024 });
    expect(a.citations[0]?.text).toMatch(/^Cục Thuế tỉnh chủ trì, phối hợp với/u);
    expect(a.taskId).toBeTruthy();
    expect(a.citations[0]?.taskId).toBe(a.taskId);
    expect(a.citations.length).toBeLessThanOrEqual(5);
    expect(a.hits.length).toBeLessThanOrEqual(10);
    expect(a.citations.every((c) => c.province === 'Nam Định' && c.year === 2024)).toBe(true);
    expect(formatAnswerText(a)).toContain(`Mã nhiệm vụ: ${a.taskId} (task code)`);
  });

  it('answers a Vietnamese lead question typed without diacritics', async () => {
    const a = await assistant.ask('o lang son so nao lam dau moi theo doi chi so tiep can dien nang?');
    expect(a).toMatchObject({ answerable: true, lang: 'vi' });
    expect(a.answer).toMatch(/^Sở Công Thương/u);
    expect(a.citations[0]).toMatchObject({ doc: 'lang-son-2021-nq02.txt', section: 'II.1.a' });
  });

  it('answers a target question with the value and its sentence', async () => {
    const a = await assistant.ask('Nam Định mỗi năm duy trì ít nhất bao nhiêu cuộc đối thoại với cộng đồng doanh nghiệp?');
    expect(a.answerable).toBe(true);
    expect(a.answer).toMatch(/^Chỉ tiêu: ít nhất 02 cuộc\. Kế hoạch nêu: “/u);
    expect(a.citations[0]?.section).toBe('IV.2.1.h');
  });

  it('answers a deadline question with the date of the level asked about', async () => {
    const a = await assistant.ask('Bộ phận một cửa cấp huyện ở Nam Định bắt đầu số hóa hồ sơ TTHC từ ngày nào năm 2022?');
    expect(a.answer).toMatch(/^Thời hạn: từ ngày 01\/12\/2022\./u);
  });

  it('refuses a province no plan covers, in the question\'s language', async () => {
    const vi = await assistant.ask('Đà Nẵng năm 2024 cơ quan nào chủ trì hoàn thuế GTGT?');
    expect(vi).toMatchObject({ answerable: false, citations: [] });
    expect(vi.answer).toMatch(/^Không tìm thấy trong các kế hoạch đã nạp: chưa nạp kế hoạch nào của thành phố Đà Nẵng/u);
    const en = await assistant.ask('Which agency leads VAT refunds in Da Nang?');
    expect(en.answerable).toBe(false);
    expect(en.answer).toMatch(/^Not found in the loaded plans/u);
  });

  it('finds a merged province\'s plan from today\'s unit and says what it belongs to now', async () => {
    const a = await assistant.ask('Ninh Bình: cơ quan nào chủ trì hoàn thuế GTGT?');
    expect(a.answerable).toBe(true);
    expect(a.citations[0]).toMatchObject({ doc: 'nam-dinh-2024-nq02.txt', section: 'IV.2.5.e', province: 'Nam Định', provinceNow: 'Ninh Bình' });
    expect(formatAnswerText(a)).toContain('UBND tỉnh Nam Định năm 2024 (nay thuộc tỉnh Ninh Bình)');
    const former = await assistant.ask('Bắc Giang: cơ quan nào chủ trì hoàn thuế GTGT?');
    expect(former.citations[0]).toMatchObject({ province: 'Bắc Giang', provinceNow: 'Bắc Ninh' });
  });

  it('names today\'s successor of an agency a 2024 plan assigns, the quote left as written', async () => {
    const a = await assistant.ask('Nam Định 2024: cơ quan nào chủ trì giám sát, đánh giá đầu tư đối với các dự án đầu tư ngoài ngân sách?');
    expect(a.citations[0]?.section).toBe('IV.2.1.c');
    expect(a.answer).toMatch(/^Sở Kế hoạch và Đầu tư \(nay là Sở Tài chính\), Ban Quản lý các khu công nghiệp tỉnh chủ trì\./u);
    expect(a.citations[0]?.text).not.toContain('nay là');
  });

  it('answers a question naming no province from each province whose plan answers it, never a silent pick', async () => {
    const a = await assistant.ask('Cơ quan nào chủ trì hoàn thuế giá trị gia tăng?');
    expect(a.answerable).toBe(true);
    expect(a.provinces).toEqual(['Nam Định', 'Bắc Giang']);
    expect(a.citations.map((c) => c.province)).toEqual(['Nam Định', 'Bắc Giang']);
    expect(a.citations.map((c) => c.section)).toEqual(['IV.2.5.e', 'II.5.b']);
    expect(a.answer).toMatch(/^Câu hỏi chưa nêu tỉnh, thành phố/u);
    expect(a.answer).toContain('- Tỉnh Nam Định (nay thuộc tỉnh Ninh Bình), kế hoạch năm 2024: Cục Thuế tỉnh chủ trì');
    expect(a.answer).toContain('- Tỉnh Bắc Giang (nay thuộc tỉnh Bắc Ninh), kế hoạch năm 2024: Cục Thuế tỉnh chủ trì');
    // Naming the province gives that province's answer alone.
    const one = await assistant.ask('Cơ quan nào chủ trì hoàn thuế giá trị gia tăng ở Bắc Giang?');
    expect(one.provinces).toBeUndefined();
    expect(one.citations.every((c) => c.province === 'Bắc Giang')).toBe(true);
  });

  it('reports its status', () => {
    expect(assistant.status()).toEqual({ denseAvailable: false, modelId: null, llm: false });
  });
});
