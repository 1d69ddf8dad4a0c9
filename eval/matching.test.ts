import { describe, expect, it } from 'vitest';
import { agencyTokens, containsEvidence, containsRun, matchTokens, namesAgency, namesAllAgencies } from './matching.ts';

describe('matchTokens', () => {
  it('NFC-normalises, lowercases and splits on anything but letters and digits', () => {
    const decomposed = 'Sở Công Thương'.normalize('NFD');
    expect(matchTokens(decomposed)).toEqual(['sở', 'công', 'thương']);
    expect(matchTokens('01/12/2022, (TTHC) 80%')).toEqual(['01', '12', '2022', 'tthc', '80']);
    expect(matchTokens('  ...  ')).toEqual([]);
  });
});

describe('containsEvidence', () => {
  const clause = 'Sở Thông tin và Truyền thông chủ trì, hướng dẫn các đơn vị số hóa hồ sơ, kết quả giải quyết TTHC.';

  it('ignores punctuation, case and line breaks but needs a contiguous run', () => {
    expect(containsEvidence(clause, 'sở thông tin và truyền thông CHỦ TRÌ hướng dẫn')).toBe(true);
    expect(containsEvidence(clause.replace(', ', '\n'), 'chủ trì, hướng dẫn các đơn vị')).toBe(true);
    expect(containsEvidence(clause, 'Sở Thông tin chủ trì')).toBe(false);
  });

  it('keeps diacritics significant: the rule does not fold them', () => {
    expect(containsEvidence(clause, 'so thong tin va truyen thong')).toBe(false);
    expect(containsEvidence(clause, 'số hóa hồ sơ')).toBe(true);
    expect(containsEvidence(clause, 'số hoá hồ sơ')).toBe(false);
  });

  it('matches whole tokens only, and an empty evidence matches nothing', () => {
    expect(containsEvidence('tăng dưới 10% so với năm 2023', 'tăng dưới 1')).toBe(false);
    expect(containsEvidence(clause, '')).toBe(false);
    expect(containsEvidence('', 'sở')).toBe(false);
  });
});

describe('containsRun', () => {
  it('finds a run at the very end and rejects a needle longer than the haystack', () => {
    expect(containsRun(['a', 'b', 'c'], ['b', 'c'])).toBe(true);
    expect(containsRun(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('agency matching', () => {
  it('expands UBND, HĐND and VP on both sides', () => {
    expect(agencyTokens('VP UBND tỉnh')).toEqual(['văn', 'phòng', 'ủy', 'ban', 'nhân', 'dân', 'tỉnh']);
    expect(namesAgency('Văn phòng Ủy ban nhân dân tỉnh chủ trì.', 'VP UBND tỉnh')).toBe(true);
    expect(namesAgency('VP UBND tỉnh chủ trì.', 'Văn phòng Ủy ban nhân dân tỉnh')).toBe(true);
    expect(namesAgency('Thường trực HĐND tỉnh', 'Hội đồng nhân dân tỉnh')).toBe(true);
  });

  it('does not expand other abbreviations nor fold spelling variants', () => {
    expect(namesAgency('Sở TN&MT chủ trì', 'Sở Tài nguyên và Môi trường')).toBe(false);
    expect(namesAgency('Uỷ ban nhân dân tỉnh', 'UBND tỉnh')).toBe(false);
  });

  it('needs every gold agency; an empty list is trivially named', () => {
    const answer = 'Sở Tư pháp chủ trì, phối hợp với Ủy ban nhân dân các huyện, thành phố.';
    expect(namesAllAgencies(answer, ['Sở Tư pháp', 'UBND các huyện, thành phố'])).toBe(true);
    expect(namesAllAgencies(answer, ['Sở Tư pháp', 'Sở Xây dựng'])).toBe(false);
    expect(namesAllAgencies(answer, [])).toBe(true);
  });
});
