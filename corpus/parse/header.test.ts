import { describe, expect, it } from 'vitest';
import { parseHeader } from './header.ts';
import { PROVINCES, dominantProvince, findProvince } from './provinces.ts';

describe('parseHeader', () => {
  it('reads a headerless resolution\'s number and date from its appendix caption, wrapped after "Kèm theo"', () => {
    const text = ['NGHỊ QUYẾT', 'Về phát động phong trào toàn dân bảo vệ môi trường', '', 'CHÍNH PHỦ', 'QUYẾT NGHỊ:', '1. Nội dung.', '', 'PHỤ LỤC', '(Kèm theo', 'Nghị quyết số 394/NQ-CP ngày 03 tháng 12 năm 2025 của Chính phủ)'].join('\n');
    const h = parseHeader(text, 'x');
    expect(h.number).toBe('394/NQ-CP');
    expect(h.date).toBe('2025-12-03');
  });

  it('reads a full header block', () => {
    const text = [
      'ỦY BAN NHÂN',
      'DÂN',
      'THÀNH PHỐ CẦN THƠ',
      'Số: 153/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Cần Thơ, ngày',
      '17 tháng 11 năm 2025',
      '',
      'KẾ HOẠCH',
      '',
      'TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025',
      'CỦA CHÍNH PHỦ NĂM 2025',
      '',
      'Thực hiện Nghị quyết số 214/NQ-CP, UBND thành phố ban hành Kế hoạch như sau:',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(parseHeader(text, 'x.txt')).toEqual({
      issuer: 'Ủy ban nhân dân thành phố Cần Thơ',
      number: '153/KH-UBND',
      date: '2025-11-17',
      province: 'Cần Thơ',
      year: 2025,
      title: 'Kế hoạch triển khai thực hiện nghị quyết số 214/NQ-CP ngày 23/7/2025 của chính phủ năm 2025',
      implements: 'Nghị quyết số 214/NQ-CP ngày 23/7/2025',
      kind: 'nq214',
      issuerKind: 'province',
      scope: 'province',
      period: null,
      docType: 'Kế hoạch',
    });
  });

  it('returns null for a blank number and a date without a day', () => {
    const text = ['UỶ BAN NHÂN DÂN', 'TỈNH BẮC GIANG', 'Số:            /KH-UBND', 'Bắc Giang, ngày        tháng 01 năm 2024', 'KẾ HOẠCH', 'Cải cách hành chính năm 2024', '', '', 'I. MỤC TIÊU'].join('\n');
    const h = parseHeader(text, 'x.txt');
    expect(h).toMatchObject({ number: null, date: null, issuer: 'Ủy ban nhân dân tỉnh Bắc Giang', year: 2024, kind: 'cchc' });
  });

  it('falls back to the preamble when the top of the header was lost', () => {
    const text = [
      'Thực hiện Nghị quyết số 02/NQ-CP ngày 05/01/2024 của Chính phủ, Ủy ban nhân',
      'dân tỉnh Nam Định ban hành Kế hoạch hành động năm 2024 như sau:',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(parseHeader(text, 'x.txt')).toMatchObject({
      issuer: 'Ủy ban nhân dân tỉnh Nam Định',
      province: 'Nam Định',
      year: 2024,
      title: null,
      implements: 'Nghị quyết số 02/NQ-CP ngày 05/01/2024',
      kind: null,
    });
  });

  it('leaves every field null when nothing is stated', () => {
    expect(parseHeader('văn bản không có tiêu đề', 'nam-dinh-2024-nq02.txt')).toMatchObject({
      issuer: null,
      number: null,
      date: null,
      province: null,
      year: null,
      implements: null,
      kind: null,
    });
  });

  it('tells cải cách thủ tục hành chính from cải cách hành chính', () => {
    const h = parseHeader('QUYẾT ĐỊNH\nBan hành Kế hoạch cải cách thủ tục hành chính trọng tâm tỉnh Ninh Thuận năm 2024\n\n\nĐiều 1. Ban hành.', 'x');
    expect(h).toMatchObject({ kind: 'cctthc', year: 2024, province: 'Ninh Thuận', title: 'Quyết định ban hành Kế hoạch cải cách thủ tục hành chính trọng tâm tỉnh Ninh Thuận năm 2024' });
  });
});

describe('provinces', () => {
  it('lists the 63 pre-2025 units plus Huế', () => {
    expect(PROVINCES).toHaveLength(64);
    expect(new Set(PROVINCES).size).toBe(64);
  });

  it('matches without diacritics and prefers the longest name', () => {
    expect(findProvince('UBND tinh nam dinh')).toBe('Nam Định');
    expect(findProvince('TỈNH THỪA THIÊN HUẾ')).toBe('Thừa Thiên Huế');
    expect(findProvince('thành phố Huế')).toBe('Huế');
    expect(findProvince('tỉnh Bà Rịa – Vũng Tàu')).toBe('Bà Rịa - Vũng Tàu');
    expect(findProvince('tính năng Nam Định')).toBeNull();
    expect(dominantProvince('tỉnh Hà Nam; tỉnh Nam Định; tỉnh Nam Định')).toBe('Nam Định');
  });
});
