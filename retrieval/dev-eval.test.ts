/**
 * Retrieval over the five sample plans, parsed by the real parser, lexical lane only.
 * The questions below were written for this test (not taken from the gold dev set) and
 * cover each kind officials ask: who leads, with whom, by when, how much, what to do,
 * in Vietnamese with and without diacritics, with abbreviations, and in English.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_SET, loadDevSet, parseSamplePlans, passagesOf, rankOf } from './dev-harness.ts';
import { createRetriever, type Retriever } from './retriever.ts';

const CASES: Array<[question: string, evidence: string]> = [
  ['Sở Tài chính Ninh Thuận có nhiệm vụ gì trong kế hoạch cải cách TTHC 2024?', 'tham mưu bố trí nguồn kinh phí để thực hiện các nhiệm vụ trong Kế hoạch này'],
  ['Who must inspect administrative reform work at departments and districts in Ninh Thuan in 2024?', 'kiểm tra công tác cải cách hành chính, cải cách TTHC năm 2024'],
  ['ninh thuan so tu phap phai lam gi voi viec tham dinh quy dinh tthc', 'tăng cường hơn nữa công tác thẩm định quy định TTHC'],
  ['Kinh phí thực hiện kế hoạch cải cách TTHC năm 2024 của Ninh Thuận lấy từ nguồn nào?', 'Nguồn ngân sách nhà nước theo phân cấp ngân sách hiện hành'],
  ['Theo KH CCHC 2022 Nam Định, tối thiểu bao nhiêu phần trăm người dân không phải cung cấp lại giấy tờ đã được chấp nhận?', 'Tối thiểu 30% người dân, doanh nghiệp khi thực hiện TTHC không phải'],
  ['nam dinh 2022 phai xin loi nguoi dan trong truong hop nao', 'Xin lỗi người dân và tổ chức đối với các hồ sơ TTHC quá hạn'],
  ['Which department leads amending Decision 26/2019/QĐ-UBND on decentralisation in Nam Dinh in 2022?', 'Sở Nội vụ chủ trì tham mưu sửa đổi, bổ sung Quyết định số 26/2019/QĐ-UBND'],
  ['KH CCHC 2022 Nam Định yêu cầu số hóa, tạo lập cơ sở dữ liệu về đối tượng nào?', 'Đề án Số hóa, tạo lập cơ sở dữ liệu về cán bộ, công chức, viên chức'],
  ['Lạng Sơn: sở nào chủ trì rút ngắn thời gian đăng ký cấp Giấy chứng nhận quyền sở hữu nhà ở?', 'Sở Tài nguyên và Môi trường chủ trì phối hợp các đơn vị có liên quan'],
  ['Who in Lang Son leads solutions to raise the score of the IT application index?', 'xây dựng giải pháp nâng cao điểm số của chỉ số ứng dụng công nghệ thông tin'],
  ['lang son so nao huong dan cac co quan truyen thong dai chung tuyen truyen', 'Sở Thông tin và Truyền thông chủ trì, hướng dẫn các cơ quan truyền'],
  ['Bắc Giang: Sở KHĐT phải hoàn thành đề xuất xây dựng phần mềm quản lý dự án đã chấp thuận đầu tư khi nào?', 'hoàn thành trong tháng 03/2024'],
  ['What share of TTHC dossiers must be processed fully online in Bac Giang in 2024?', 'tỷ lệ hồ sơ TTHC xử lý hoàn toàn trực tuyến đạt trên 70%'],
  ['Bắc Giang 2024: NHNN chỉ đạo các TCTD xử lý nợ xấu theo phương án nào?', 'phương án cơ cấu lại gắn với xử lý nợ xấu giai đoạn 2021-2025'],
  ['bac giang cac co quan trung uong dong tren dia ban phoi hop voi ai khi thuc hien tthc', 'thường xuyên phối hợp với các cơ quan chuyên môn của UBND tỉnh'],
  ['Bắc Giang khảo sát sự hài lòng của người dân đối với cơ quan hành chính như thế nào?', 'khảo sát sự hài lòng của người dân, tổ chức đối với sự phục'],
  ['Who must speed up issuing land use right certificates so firms can mortgage assets for loans in Nam Dinh in 2024?', 'chỉ đạo các đơn vị trực thuộc đẩy nhanh tiến độ cấp Giấy chứng nhận quyền sử dụng đất'],
  ['Nam Định 2024: Sở Xây dựng công bố danh mục dự án nhà ở xã hội ở đâu?', 'công bố công khai trên cổng thông tin điện tử của UBND tỉnh'],
  ['Ở Nam Định năm 2024, UBND các huyện phải làm gì để rút ngắn thời gian giải ngân vốn tín dụng?', 'bố trí tăng số ngày trực giải quyết thủ tục hành chính'],
  ['nam dinh 2024 ty le dang ky kinh doanh qua mang phan dau dat bao nhieu', 'tỷ lệ đăng ký kinh doanh qua mạng đạt khoảng 70%'],
  ['Which working groups monitor the progress of investment projects in Nam Dinh in 2024?', 'thường xuyên theo dõi, kiểm tra, đôn đốc tiến độ thực hiện các dự án đầu tư'],
  ['Ninh Thuận 2024: STTTT phải ban hành danh mục thành phần hồ sơ phải số hóa trong thời hạn nào?', 'trong quý I năm 2024'],
];

const UNANSWERABLE = [
  'Hà Nội năm 2024 giao sở nào chủ trì hoàn thuế giá trị gia tăng?',
  'Lạng Sơn năm 2024 đặt mục tiêu PCI thế nào?',
  'Nam Định năm 2024 phải xây dựng bao nhiêu trạm sạc xe điện trên quốc lộ?',
];

let retriever: Retriever;

beforeAll(async () => {
  retriever = createRetriever();
  await retriever.sync(passagesOf(parseSamplePlans()));
});

describe('retrieval over the sample plans', () => {
  it.each(CASES)('%s', async (question, evidence) => {
    const res = await retriever.search(question);
    expect(res.answerable).toBe(true);
    expect(rankOf(res.hits, evidence, 3)).not.toBeNull();
  });

  it.each(UNANSWERABLE)('refuses: %s', async (question) => {
    expect((await retriever.search(question)).answerable).toBe(false);
  });

  // The median, not p95: test workers share two cores, and a busy neighbour slows the tail.
  it('answers in well under 50 ms per question', async () => {
    const times: number[] = [];
    for (const [q] of CASES) times.push((await retriever.search(q)).ms);
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(50);
  });

  it.skipIf(!fs.existsSync(DEV_SET))('meets the hit@1, hit@5 and refusal targets on the gold dev set', async () => {
    const questions = loadDevSet();
    let hit1 = 0, hit5 = 0, refused = 0, falseRefused = 0;
    const answerable = questions.filter((q) => q.evidence).length;
    for (const q of questions) {
      const res = await retriever.search(q.question);
      const rank = rankOf(res.hits, q.evidence);
      if (rank === 1) hit1++;
      if (rank !== null && rank <= 5) hit5++;
      if (!q.evidence && !res.answerable) refused++;
      if (q.evidence && !res.answerable) falseRefused++;
    }
    expect(hit1 / answerable).toBeGreaterThanOrEqual(0.85);
    expect(hit5 / answerable).toBeGreaterThanOrEqual(0.95);
    expect(refused / (questions.length - answerable)).toBeGreaterThanOrEqual(0.75);
    expect(falseRefused / answerable).toBeLessThanOrEqual(0.05);
  });
});
