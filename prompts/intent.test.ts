import { describe, expect, it } from 'vitest';
import { readQuestion } from './intent.ts';

const intent = (q: string) => readQuestion(q).intent;

describe('readQuestion', () => {
  it('tells English from Vietnamese, with or without diacritics', () => {
    expect(readQuestion('Which agency leads VAT refunds in Nam Định?').lang).toBe('en');
    expect(readQuestion('co quan nao chu tri hoan thue gtgt o nam dinh').lang).toBe('vi');
    expect(readQuestion('Cơ quan nào chủ trì hoàn thuế GTGT?').lang).toBe('vi');
  });

  it('reads what the question asks for', () => {
    expect(intent('Which agency leads VAT refunds in Nam Định?')).toBe('lead');
    expect(intent('lang son co quan nao lam dau moi theo doi chi so tiep can dien nang')).toBe('lead');
    expect(intent('Cục Thuế tỉnh phối hợp với những đơn vị nào?')).toBe('coordinate');
    expect(intent('thanh tra tinh phai bao cao truoc ngay nao')).toBe('deadline');
    expect(intent('Mỗi năm phải duy trì ít nhất mấy cuộc đối thoại?')).toBe('target');
    expect(intent('Sở Tư pháp phải làm gì theo kế hoạch?')).toBe('assignment');
    expect(intent('Phương châm “3 dám, 3 hơn, 5 rõ” gồm những nội dung gì?')).toBe('other');
  });

  it('lets a date or number cue win over a bare "ai", which is also a syllable of place names', () => {
    expect(intent('Huyện Bác Ái được áp dụng chỉ tiêu thanh toán trực tuyến bao nhiêu?')).toBe('target');
    expect(intent('Cơ quan nào chủ trì đánh giá chỉ tiêu cập nhật dữ liệu?')).toBe('lead');
    expect(intent('Tổ công tác được giao làm gì?')).toBe('assignment');
  });

  it('asks the duty for "được giao gì / vai trò gì", and who for "bộ nào" or "which ministry"', () => {
    expect(intent('So Xay dung Bac Ninh duoc giao gi trong KH kinh te so?')).toBe('assignment');
    expect(intent('Hiệp hội Doanh nghiệp tỉnh có vai trò gì?')).toBe('assignment');
    expect(intent('Bộ nào phải bố trí trực thăng thả hàng cứu trợ?')).toBe('lead');
    expect(intent('Which ministry directs police to stop open burning?')).toBe('lead');
  });
});
