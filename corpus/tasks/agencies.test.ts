import { describe, expect, it } from 'vitest';
import { isAgency, normaliseAgency, splitAgencies } from './agencies.ts';

describe('splitAgencies', () => {
  it('expands a "Các sở:" list into full department names', () => {
    expect(splitAgencies('Các sở: KH&ĐT, TN&MT, Xây dựng')).toEqual([
      'Sở Kế hoạch và Đầu tư',
      'Sở Tài nguyên và Môi trường',
      'Sở Xây dựng',
    ]);
  });

  it('keeps department names that contain commas and "và", and full agencies inside the list', () => {
    expect(splitAgencies('Các sở: Kế hoạch và Đầu tư, Xây dựng và Ban Quản lý các Khu công nghiệp tỉnh')).toEqual([
      'Sở Kế hoạch và Đầu tư',
      'Sở Xây dựng',
      'Ban Quản lý các Khu công nghiệp tỉnh',
    ]);
    expect(splitAgencies('Các sở: Công an, Lao động - Thương binh và Xã hội, Văn hóa, Thể thao và Du lịch:')).toEqual([
      'Công an tỉnh',
      'Sở Lao động - Thương binh và Xã hội',
      'Sở Văn hóa, Thể thao và Du lịch',
    ]);
  });

  it('keeps collective names whole', () => {
    expect(splitAgencies('Sở, ban, ngành, UBND các huyện và thành phố')).toEqual([
      'Sở, ban, ngành',
      'UBND các huyện và thành phố',
    ]);
    expect(splitAgencies('Sở, ban, ngành thuộc tỉnh; UBND huyện, thành phố; UBND các xã, phường, thị trấn')).toHaveLength(3);
  });

  it('splits at "và" and commas only where a new agency starts', () => {
    expect(splitAgencies('Sở Tư pháp và Ủy ban nhân dân các huyện, thành phố')).toEqual([
      'Sở Tư pháp',
      'Ủy ban nhân dân các huyện, thành phố',
    ]);
    expect(splitAgencies('Trung tâm Phục vụ Hành chính công, Xúc tiến đầu tư và Hỗ trợ doanh nghiệp tỉnh')).toHaveLength(1);
    expect(splitAgencies('UBND cấp xã, Sở Tư pháp')).toEqual(['UBND cấp xã', 'Sở Tư pháp']);
  });

  it('works without diacritics', () => {
    expect(splitAgencies('cac so: ke hoach va dau tu, xay dung')).toEqual(['Sở Kế hoạch và Đầu tư', 'Sở Xây dựng']);
    expect(splitAgencies('so, ban, nganh, UBND cac huyen va thanh pho')).toHaveLength(2);
  });
});

describe('normaliseAgency', () => {
  it('maps abbreviations and spelling variants to one canonical name', () => {
    for (const alias of ['Sở KH&ĐT', 'SKHĐT', 'Sở KHĐT', 'Sở Kế hoạch đầu tư', 'so ke hoach va dau tu']) {
      expect(normaliseAgency(alias, null)).toBe('Sở Kế hoạch và Đầu tư');
    }
    for (const alias of ['VP UBND tỉnh', 'Văn phòng UBND tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh', 'Văn phòng UBND tỉnh (CQKSTTHC)']) {
      expect(normaliseAgency(alias, null)).toBe('Văn phòng Ủy ban nhân dân tỉnh');
    }
    for (const alias of ['STTTT', 'Sở TT&TT', 'Sở Thông tin truyền thông']) {
      expect(normaliseAgency(alias, null)).toBe('Sở Thông tin và Truyền thông');
    }
    expect(normaliseAgency('Sở Lao động Thương binh và Xã hội', null)).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(normaliseAgency('bảo hiểm xã hội tỉnh', null)).toBe('Bảo hiểm xã hội tỉnh');
    expect(normaliseAgency('BQL các KCN', null)).toBe('Ban Quản lý các Khu công nghiệp tỉnh');
  });

  it('scopes province-specific bodies by the plan province', () => {
    expect(normaliseAgency('NHNN chi nhánh tỉnh', 'Bắc Giang')).toBe('Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang');
    expect(normaliseAgency('NHNN chi nhánh tỉnh', null)).toBe('Ngân hàng Nhà nước chi nhánh tỉnh');
    expect(normaliseAgency('Ngân hàng Nhà nước Việt Nam Chi nhánh Lạng Sơn', null)).toBe('Ngân hàng Nhà nước chi nhánh tỉnh Lạng Sơn');
    expect(normaliseAgency('Cục Thuế tỉnh Nam Định', 'Nam Định')).toBe('Cục Thuế tỉnh');
    expect(normaliseAgency('Hiệp hội doanh nghiệp tỉnh Nam Định', 'Nam Định')).toBe('Hiệp hội Doanh nghiệp tỉnh');
  });

  it('gives collectives one form and keeps a place written after them', () => {
    expect(normaliseAgency('Sở, ban, ngành', null)).toBe('Các sở, ban, ngành');
    expect(normaliseAgency('các Sở, ban, ngành cấp tỉnh', null)).toBe('Các sở, ban, ngành');
    expect(normaliseAgency('UBND các huyện và thành phố', null)).toBe('UBND các huyện, thành phố');
    expect(normaliseAgency('Ủy ban nhân dân các huyện, thành phố', null)).toBe('UBND các huyện, thành phố');
    expect(normaliseAgency('UBND các huyện, thành phố Nam Định', 'Nam Định')).toBe('UBND các huyện, thành phố Nam Định');
  });

  it('keeps office titles and normalises the agency after them', () => {
    expect(normaliseAgency('Thủ trưởng các Sở, ban, ngành cấp tỉnh', null)).toBe('Thủ trưởng các sở, ban, ngành');
    expect(normaliseAgency('Chủ tịch UBND huyện, thành phố', null)).toBe('Chủ tịch UBND các huyện, thành phố');
  });

  it('tidies unknown names without inventing anything', () => {
    expect(normaliseAgency('  Chi cục Hải quan\n Nam Định ', 'Nam Định')).toBe('Chi cục Hải quan Nam Định');
  });
});

describe('isAgency', () => {
  it('accepts concrete agencies and known collectives', () => {
    for (const n of ['Sở Y tế', 'Cục Thuế tỉnh', 'Tổ công tác 874', 'Các sở, ban, ngành', 'UBND cấp huyện', 'Thủ trưởng các sở, ban, ngành']) {
      expect(isAgency(n), n).toBe(true);
    }
  });

  it('rejects generic references and sentence fragments', () => {
    for (const n of ['các cơ quan, đơn vị liên quan', 'Thủ trưởng các cơ quan, đơn vị', 'cơ quan chủ trì', 'các đơn vị', 'Sở', 'Bảo đảm', 'Sở Nông nghiệp và', 'các sở, ngành được phân công', 'Sở Xây dựng tăng cường kiểm tra']) {
      expect(isAgency(n), n).toBe(false);
    }
  });

  it('knows the youth union and the 2025 collective of provinces', () => {
    expect(isAgency('Tỉnh đoàn')).toBe(true);
    expect(normaliseAgency('Tỉnh Đoàn', 'Bắc Ninh')).toBe('Tỉnh đoàn');
    expect(normaliseAgency('UBND các tỉnh/thành phố', null)).toBe('UBND các tỉnh, thành phố trực thuộc trung ương');
    expect(splitAgencies('- Bộ Xây dựng; - UBND các tỉnh, thành phố.')).toEqual(['Bộ Xây dựng', 'UBND các tỉnh, thành phố']);
  });
});
