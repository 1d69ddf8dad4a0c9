import { describe, expect, it } from 'vitest';
import { passageTerms } from './analyze.ts';
import type { PassageInfo } from './lexical.ts';
import { openingWords } from './lexical.ts';
import { fold, words } from './normalize.ts';
import { prepareQuery } from './query.ts';
import { dutyFit, namedAgencies, namesAgency, subjectRun } from './subject.ts';

const opening = (text: string) => words(text).map(fold);

describe('whose clause it is', () => {
  const sequence = opening('Sở Văn hóa, Thể thao và Du lịch được giao việc gì trong thoát nước?');

  it('reads the agency after an article\'s "Trách nhiệm của" or a point\'s "Giao"', () => {
    expect(subjectRun(sequence, opening('Điều 22. Trách nhiệm của Sở Văn hóa, Thể thao và Du lịch'))).toBeGreaterThanOrEqual(4);
    expect(subjectRun(sequence, opening('Nhiệm vụ và quyền hạn của Sở Văn hóa, Thể thao và Du lịch'))).toBeGreaterThanOrEqual(4);
    expect(subjectRun(opening('Công an thành phố được giao gì?'), opening('Giao Công an thành phố kịp thời phát hiện'))).toBe(4);
  });

  it('does not read an agency named deep in the clause as its subject', () => {
    expect(subjectRun(sequence, opening('Tổ chức tuyên truyền, phối hợp với Sở Văn hóa, Thể thao và Du lịch'))).toBe(0);
  });

  it('does not take "Bảo vệ" for the name of a newspaper ("Báo …"): both fold to "bao"', () => {
    const q = opening('Bộ Tài chính được giao việc gì trong KH thi hành Luật Bảo vệ dữ liệu cá nhân?');
    expect(subjectRun(q, opening('Luật Bảo vệ dữ liệu cá nhân được Quốc hội khóa XV thông qua'))).toBe(0);
    expect(subjectRun(opening('Báo Nghệ An đăng gì?'), opening('Báo Nghệ An mở chuyên mục'))).toBe(3);
  });
});

describe('questions naming an agency', () => {
  it('finds an agency of the question\'s own, place words and abbreviations included', () => {
    expect(namesAgency(prepareQuery('cong an tp can tho duoc giao nhiem vu gi').subjectWords)).toBe(true);
    expect(prepareQuery('cong an tp can tho duoc giao nhiem vu gi').subjectWords.slice(0, 4)).toEqual(['cong', 'an', 'thanh', 'pho']);
    expect(namesAgency(prepareQuery('Sở NN&MT Đồng Tháp có nhiệm vụ gì?').subjectWords)).toBe(true);
    expect(namesAgency(prepareQuery("What is Can Tho's City Inspectorate tasked with?").subjectWords)).toBe(true);
  });

  it('not the category asked for, nor words that only start like an agency', () => {
    expect(namesAgency(prepareQuery('Sở nào chủ trì báo cáo giá thị trường?').subjectWords)).toBe(false);
    expect(namesAgency(prepareQuery('phòng chống cháy rừng làm gì?').subjectWords)).toBe(false);
  });

  it('lists every agency named, each by its head and the next word, abbreviations expanded', () => {
    expect(namedAgencies(prepareQuery('Theo KH 182/KH-UBND, Bộ CHQS tỉnh Đồng Nai được giao những nhiệm vụ gì?').subjectWords)).toEqual([
      ['uy', 'ban', 'nhan', 'dan', 'bo'],
      ['bo', 'chi', 'huy', 'quan'],
    ]);
  });
});

describe('what a named agency must do', () => {
  const passage = (text: string, heading = ''): PassageInfo => ({
    id: text,
    docId: 'd',
    section: '1',
    kind: 'point',
    text,
    breadcrumb: heading ? [heading] : [],
    parentId: null,
    terms: new Set(passageTerms(text)),
    opening: openingWords(text),
    headingOpening: openingWords(heading),
  });
  const q = prepareQuery('Công an thành phố Cần Thơ được giao nhiệm vụ gì về nước dưới đất?');

  it('is that agency\'s clause, not the clause of another agency, whatever its topic words', () => {
    expect(dutyFit(q, passage('Giao Công an thành phố kịp thời phát hiện và xử lý vi phạm'), undefined, 0)).toBe(1);
    expect(dutyFit(q, passage('Duy trì mạng lưới quan trắc nước dưới đất', '4. Sở Nông nghiệp và Môi trường'), undefined, 0)).toBe(-1);
    expect(dutyFit(q, passage('Tuân thủ nguyên tắc khoanh định vùng cấm khai thác nước dưới đất'), undefined, 0)).toBe(0);
  });

  it('counts a task whose lead the question names', () => {
    expect(dutyFit(q, passage('Kiểm tra, xử lý vi phạm'), { lead: ['Công an thành phố'], coordinators: [] }, 1)).toBe(1);
  });
});
