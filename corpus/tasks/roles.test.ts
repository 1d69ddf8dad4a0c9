import { describe, expect, it } from 'vitest';
import { findRoles } from './roles.ts';

describe('findRoles', () => {
  it('reads the lead from "X chủ trì" and coordinators from "phối hợp với"', () => {
    const r = findRoles('Cục Thuế tỉnh chủ trì, phối hợp với các sở, ban, ngành, UBND các huyện, thành phố Nam Định khẩn trương tháo gỡ vướng mắc;');
    expect(r.leads).toEqual(['Cục Thuế tỉnh']);
    expect(r.coordinators).toEqual(['các sở, ban, ngành', 'UBND các huyện, thành phố Nam Định']);
  });

  it('reads "làm đầu mối", "Giao X chủ trì" and an agency subject with a duty verb', () => {
    expect(findRoles('Sở Công Thương làm đầu mối theo dõi chỉ số Tiếp cận điện năng.').leads).toEqual(['Sở Công Thương']);
    expect(findRoles('Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi').leads).toEqual(['Sở Kế hoạch và Đầu tư']);
    expect(findRoles('Văn phòng Ủy ban nhân dân tỉnh hướng dẫn, đôn đốc, kiểm tra việc thực hiện Kế hoạch').leads).toEqual([
      'Văn phòng Ủy ban nhân dân tỉnh',
    ]);
    expect(findRoles('Sở Tư pháp chịu trách nhiệm thẩm định').leads).toEqual(['Sở Tư pháp']);
  });

  it('finds a lead named mid-text, in a later sentence', () => {
    expect(findRoles('Đẩy mạnh phân cấp quản lý nhà nước. Sở Nội vụ chủ trì tham mưu').leads).toEqual(['Sở Nội vụ']);
  });

  it('marks a bare agency heading', () => {
    expect(findRoles('Sở Y tế:')).toEqual({ leads: ['Sở Y tế'], coordinators: [], headingOnly: true });
    const list = findRoles('Các sở: Kế hoạch và Đầu tư, Tài nguyên và Môi trường, Xây dựng và Ban Quản lý các Khu công nghiệp tỉnh');
    expect(list.headingOnly).toBe(true);
    expect(list.leads).toHaveLength(4);
  });

  it('reads "X: Chủ trì, phối hợp …" and "X: Phối hợp chặt chẽ với …"', () => {
    expect(findRoles('Sở Tài chính: Chủ trì, phối hợp với các cơ quan có liên quan xem xét')).toEqual({
      leads: ['Sở Tài chính'],
      coordinators: [],
      headingOnly: false,
    });
    const r = findRoles('Công an tỉnh: Phối hợp chặt chẽ với Văn phòng Ủy ban nhân dân tỉnh, Sở Thông tin và Truyền thông để thực hiện');
    expect(r.coordinators).toEqual(['Văn phòng Ủy ban nhân dân tỉnh', 'Sở Thông tin và Truyền thông']);
  });

  it('leaves the lead to the heading for "Chủ trì, phối hợp với Bộ …"', () => {
    const r = findRoles('Chủ trì, phối hợp với Bộ Khoa học và Công nghệ triển khai mạnh mẽ đề án');
    expect(r.leads).toEqual([]);
    expect(r.coordinators).toEqual(['Bộ Khoa học và Công nghệ']);
  });

  it('ignores generic "cơ quan chủ trì" / "các đơn vị chủ trì" / "các sở, ngành được phân công"', () => {
    expect(findRoles('Các đơn vị liên quan có trách nhiệm phối hợp chặt chẽ với đơn vị chủ trì.').leads).toEqual([]);
    expect(findRoles('Tăng cường tính chủ động của các sở, ngành được phân công làm đầu mối chủ trì triển khai.').leads).toEqual([]);
    expect(findRoles('Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm trước UBND tỉnh').leads).toEqual([]);
  });

  it('works without diacritics', () => {
    const r = findRoles('So Tu phap chu tri, phoi hop voi Cong an tinh tham dinh');
    expect(r.leads).toEqual(['So Tu phap']);
    expect(r.coordinators).toEqual(['Cong an tinh']);
  });
});

describe('findRoles with a topic phrase run into the subject', () => {
  it('finds the agencies after "Về …"', () => {
    const r = findRoles('Về Giải quyết tranh chấp hợp đồng Sở Tư pháp và Ủy ban nhân dân các huyện, thành phố: đẩy mạnh công tác phổ biến');
    expect(r.leads).toEqual(['Sở Tư pháp', 'Ủy ban nhân dân các huyện, thành phố']);
  });

  it('reads a request heading "Đề nghị X" as the lead of the points under it', () => {
    expect(findRoles('Đề nghị Liên đoàn Lao động tỉnh')).toEqual({ leads: ['Liên đoàn Lao động tỉnh'], coordinators: [], headingOnly: true });
    const front = findRoles('Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội');
    expect(front.leads).toEqual(['Ủy ban Mặt trận Tổ quốc Việt Nam thành phố']);
    expect(front.headingOnly).toBe(true);
    expect(findRoles('Đề nghị các đơn vị tăng cường phối hợp').headingOnly).toBe(false);
  });

  it('finds the lead before a chain of duty verbs ending in "chủ trì"', () => {
    const r = findRoles('Các đơn vị có văn bản đề xuất, gửi Sở Khoa học và Công nghệ tổng hợp, chủ trì, phối hợp với Sở Tài chính, báo cáo UBND Thành phố.');
    expect(r.leads).toEqual(['Sở Khoa học và Công nghệ']);
    expect(r.coordinators).toEqual(['Sở Tài chính']);
  });

  it('reads a table cell listing agencies as dash bullets', () => {
    const r = findRoles('- Bộ Nông nghiệp và Môi trường (chủ trì phần chính sách); - UBND các tỉnh, thành phố (chủ trì phần đầu tư).');
    expect(r.leads).toEqual(['Bộ Nông nghiệp và Môi trường', 'UBND các tỉnh, thành phố']);
  });
});
