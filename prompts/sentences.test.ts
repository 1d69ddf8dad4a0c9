import { describe, expect, it } from 'vitest';
import { joinSentences, pickSentences, splitSentences } from './sentences.ts';

const terms = (t: string[], b: string[] = []) => ({ terms: t, bigrams: b });

describe('sentences', () => {
  it('splits on ". ", "; " and line breaks, but not on abbreviations or numbers', () => {
    const parts = splitSentences('Giao TP. Nam Định 1.000 hồ sơ; cấp xã. Hoàn thành v.v. trước ngày 10.\nBáo cáo.');
    expect(parts.map((p) => p.text)).toEqual(['Giao TP. Nam Định 1.000 hồ sơ;', 'cấp xã.', 'Hoàn thành v.v. trước ngày 10.', 'Báo cáo.']);
  });

  it('keeps the sentences holding the rarer question words, in document order', () => {
    const text = 'Số hóa hồ sơ tại cấp tỉnh. Số hóa hồ sơ tại cấp huyện. Báo cáo định kỳ.';
    expect(pickSentences(text, terms(['so', 'hoa', 'huyen']), 1).map((s) => s.text)).toEqual(['Số hóa hồ sơ tại cấp huyện.']);
    expect(pickSentences(text, terms(['so', 'hoa', 'ho']), 3).map((s) => s.index)).toEqual([0, 1]);
    expect(pickSentences(text, terms(['ngan', 'sach'])).map((s) => s.index)).toEqual([0]);
  });

  it('meets abbreviations in the text with the question\'s expanded words', () => {
    const text = 'Công khai quy hoạch. Rút ngắn thời gian giải quyết TTHC.';
    expect(pickSentences(text, terms(['thu', 'tuc', 'hanh', 'chinh']), 1)[0]?.text).toBe('Rút ngắn thời gian giải quyết TTHC.');
  });

  it('joins list items with semicolons and ends with one full stop', () => {
    expect(joinSentences(splitSentences('Rà soát thủ tục; công bố kết quả;'))).toBe('Rà soát thủ tục; công bố kết quả.');
    expect(joinSentences(splitSentences('Một. Hai.'))).toBe('Một. Hai.');
  });
});
