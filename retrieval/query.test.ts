import { describe, expect, it } from 'vitest';
import { prepareQuery } from './query.ts';

const filters = (q: string) => prepareQuery(q).filters;

describe('provinces', () => {
  it('are found with or without diacritics, in English too', () => {
    expect(filters('Ở Nam Định ai chủ trì?').provinces).toEqual(['Nam Định']);
    expect(filters('lang son co quan nao lam dau moi').provinces).toEqual(['Lạng Sơn']);
    expect(filters("Who leads this under Nam Dinh's plan?").provinces).toEqual(['Nam Định']);
  });

  it('are not read into ordinary words', () => {
    expect(filters('diễn biến thị trường năm 2024').provinces).toEqual([]);
    expect(filters('giữ vững hòa bình, ổn định').provinces).toEqual([]);
    expect(filters('tỉnh Hòa Bình').provinces).toEqual(['Hòa Bình']);
  });

  it('are taken out of the search terms', () => {
    const q = prepareQuery('Cục Thuế tỉnh Nam Định chủ trì việc gì?');
    expect(q.terms.unigrams).not.toContain('nam');
    expect(q.terms.unigrams).toContain('thuế');
  });
});

describe('plan years', () => {
  it('count "năm 2024" and bare years, not horizons, comparisons or document numbers', () => {
    expect(filters('KH năm 2024 của Bắc Giang').years).toEqual([2024]);
    expect(filters('Theo KH NQ 02 năm 2024, đến năm 2025 PCI vào nhóm nào?').years).toEqual([2024]);
    expect(filters('giảm so với năm 2023').years).toEqual([]);
    expect(filters('theo Thông tư 01/2023/TT-VPCP').years).toEqual([]);
    expect(filters('giai đoạn 2021-2025').years).toEqual([]);
    expect(filters('by 2025, what share').years).toEqual([]);
  });
});

describe('kinds and intents', () => {
  it('recognise a named plan kind and what is asked', () => {
    const q = prepareQuery('ai chu tri theo kh cchc nam dinh 2022');
    expect(q.filters.kinds).toEqual(['cchc']);
    expect(q.intents).toContain('lead');
    expect(prepareQuery('phối hợp với cơ quan nào để nâng cấp').intents).toContain('coordinate');
    // "Được giao gì", "vai trò gì": the duties of an agency the question names.
    expect(prepareQuery('So Xay dung Bac Ninh duoc giao gi trong KH kinh te so?').intents).toContain('assignment');
    expect(prepareQuery('Hiệp hội Doanh nghiệp tỉnh có vai trò gì?').intents).toEqual(['assignment']);
    expect(prepareQuery('phải báo cáo trước ngày nào').intents).toContain('deadline');
    expect(prepareQuery('yêu cầu tổng kết việc thực hiện chỉ thị vào năm nào?').intents).toContain('deadline');
    expect(prepareQuery('In which year must the review be held?').intents).toContain('deadline');
    expect(prepareQuery('What minimum share of dossiers').intents).toContain('target');
  });
});

describe('plan names', () => {
  it('read "NQ 02" and a year glued to it by a slash as the plan, not search terms', () => {
    const q = prepareQuery('Theo KH thực hiện NQ 02, ai tổ chức đối thoại?');
    expect(q.filters.kinds).toEqual(['nq02']);
    expect(q.terms.content).not.toContain('2');
    const glued = prepareQuery('Báo tỉnh có nhiệm vụ gì trong KH thực hiện NQ02/2024?');
    expect(glued.filters.years).toEqual([2024]);
    expect(glued.terms.content).not.toContain('2024');
  });

  it('find intent cues a province splits', () => {
    expect(prepareQuery('Which Bac Giang department reviews the list?').intents).toContain('lead');
  });
});

describe('documents named by number', () => {
  it('reads "KH 144", "QĐ số 2530" and "308/KH-UBND", not a stated amount', () => {
    expect(prepareQuery('Theo KH 144, ai chủ trì?').docNumbers).toEqual(['144']);
    expect(prepareQuery('QĐ số 2530 giao bộ nào?').docNumbers).toEqual(['2530']);
    expect(prepareQuery('Kế hoạch 308/KH-UBND của Hà Nội').docNumbers).toEqual(['308']);
    expect(prepareQuery('đào tạo 3000 lượt người').docNumbers).toEqual([]);
    // Right after a province's name: its plan by number, no amount the answer must state; a year stays a year.
    expect(prepareQuery('HCM 2842: thủ tục nào được bỏ giấy tờ?')).toMatchObject({ docNumbers: ['2842'], numbers: [] });
    expect(prepareQuery('Bắc Ninh 141 tỷ lệ cán bộ có bằng luật')).toMatchObject({ docNumbers: ['141'], numbers: [] });
    expect(prepareQuery('Bắc Ninh 2025 đào tạo 300 người').docNumbers).toEqual([]);
    // "bao nhiêu %" asks a share, though "%" is no word.
    expect(prepareQuery('Đồng Nai phấn đấu bao nhiêu % xã đạt chuẩn?').unscoped.join(' ')).toContain('bao nhieu phan tram xa');
  });

  it('notice a question turned to a national plan', () => {
    expect(prepareQuery('Theo QĐ của Thủ tướng, bộ nào chủ trì?').nationalCue).toBe(true);
    expect(prepareQuery('kế hoạch hành động quốc gia về không khí').nationalCue).toBe(true);
    expect(prepareQuery('CTMTQG phòng chống ma túy Cần Thơ (chương trình mục tiêu quốc gia)').nationalCue).toBe(false);
  });
});
