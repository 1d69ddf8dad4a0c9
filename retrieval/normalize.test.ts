import { describe, expect, it } from 'vitest';
import { canonicalTone, containsTokens, fold, hasDiacritics, words } from './normalize.ts';

describe('normalize', () => {
  it('folds diacritics and đ, and drops leading zeros of numbers', () => {
    expect(fold('đất')).toBe('dat');
    expect(fold('quản')).toBe('quan');
    expect(fold('02')).toBe('2');
    expect(fold('0')).toBe('0');
  });

  it('unifies the two tone placements of open oa / oe / uy but leaves qu- alone', () => {
    expect(canonicalTone('hoá')).toBe('hóa');
    expect(canonicalTone('uỷ')).toBe('ủy');
    expect(canonicalTone('khoẻ')).toBe('khỏe');
    expect(canonicalTone('quý')).toBe('quý');
    expect(canonicalTone('hoàn')).toBe('hoàn');
  });

  it('splits NFC-normalised lowercase text into runs of letters and digits', () => {
    const decomposed = 'Ủy ban'.normalize('NFD');
    expect(words(`${decomposed} (UBND) số 02/NQ-CP`)).toEqual(['ủy', 'ban', 'ubnd', 'số', '02', 'nq', 'cp']);
  });

  it('detects whether a typist used diacritics', () => {
    expect(hasDiacritics('nam dinh 2022')).toBe(false);
    expect(hasDiacritics('Nam Định')).toBe(true);
    expect(hasDiacritics('“quoted”')).toBe(false);
  });

  it('matches evidence by the contract rule: contiguous tokens', () => {
    const text = 'Sở Công Thương làm đầu mối theo dõi chỉ số Tiếp cận điện năng.';
    expect(containsTokens(text, 'làm đầu mối theo dõi')).toBe(true);
    expect(containsTokens(text, 'đầu mối làm')).toBe(false);
  });

  it('stops tokenising at a word limit, and gives the same words as the full text', () => {
    const text = 'Sở Tài nguyên và Môi trường chủ trì, phối hợp với UBND các huyện';
    expect(words(text, 4)).toEqual(['sở', 'tài', 'nguyên', 'và']);
    expect(words(text, 100)).toEqual(words(text));
    expect(words(text, 0)).toEqual([]);
  });

  it('folds the same word the same way every time (cached)', () => {
    expect([fold('Đường'.toLowerCase()), fold('đường'), fold('đường')]).toEqual(['duong', 'duong', 'duong']);
    expect(fold('007')).toBe('7');
  });
});
