import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandAcronym, mayBeAcronym, spellOut } from './acronyms.ts';
import { parseSamplePlans, passagesOf, rankOf } from './dev-harness.ts';
import { createRetriever, type Retriever } from './retriever.ts';

describe('acronyms no table knows', () => {
  it('are words without a vowel, or capitals, of three letters or more, that no table or glossary holds', () => {
    expect(['KTS', 'bvdlcn', 'VPHC', 'QCKT', 'UBMTTQX'].map(mayBeAcronym)).toEqual([true, true, true, true, true]);
    // Too short, a syllable, in the abbreviation table, English, or not letters only.
    expect(['ĐH', 'tháng', 'UBND', 'TTHC', 'plan', 'PM2', 'HCM2842'].map(mayBeAcronym)).toEqual([false, false, false, false, false, false, false]);
  });

  it('are spelled out by the run of words that recurs most, never across punctuation, "đ" only as "đ"', () => {
    const texts = ['Đẩy mạnh kinh tế số, xã hội số', 'phát triển kinh tế số', 'khai thác tiềm năng số'];
    expect(expandAcronym('kts', texts)).toBe('kinh tế số');
    expect(expandAcronym('xhs', texts)).toBe('xã hội số');
    expect(expandAcronym('sxh', texts)).toBeNull();
    expect(expandAcronym('đhs', ['đầu tư hạ tầng số; dịch hại sâu'])).toBeNull();
    expect(expandAcronym('dhs', ['dịch hại sâu'])).toBe('dịch hại sâu');
    // "và" may be left out: KHCN.
    expect(expandAcronym('khcn', ['Sở Khoa học và Công nghệ'])).toBe('khoa học và công nghệ');
  });

  it('are replaced in the question, with where each phrase now stands', () => {
    const q = 'KH KTS và XHS?';
    const out = spellOut(q, [[{ folded: 'xhs', letters: 'xhs', start: 10, end: 13 }, 'xã hội số'], [{ folded: 'kts', letters: 'kts', start: 3, end: 6 }, 'kinh tế số']]);
    expect(out.text).toBe('KH kinh tế số và xã hội số?');
    expect(out.spans.map((s) => out.text.slice(s.start, s.end))).toEqual(['kinh tế số', 'xã hội số']);
  });

  it('are read from a real plan: TTKDTM in Lạng Sơn 2021', () => {
    const text = fs.readFileSync('corpus/plans/lang-son-2021-nq02.txt', 'utf8');
    expect(expandAcronym('ttkdtm', [text])).toBe('thanh toán không dùng tiền mặt');
  });
});

describe('a question with an acronym over the sample plans', () => {
  let retriever: Retriever;
  beforeAll(async () => {
    retriever = createRetriever();
    await retriever.sync(passagesOf(parseSamplePlans()));
  });

  it('is answered from the clause that writes it out, and the reply keeps the question as typed', async () => {
    // Refused when the acronym counted as a word no clause holds.
    const question = 'Lạng Sơn 2021 đẩy mạnh TTKDTM thế nào?';
    const res = await retriever.search(question);
    expect(res.answerable).toBe(true);
    expect(res.question).toBe(question);
    expect(rankOf(res.hits, 'Đẩy mạnh thanh toán không dùng tiền mặt và cung cấp dịch vụ công', 1)).toBe(1);
  });
});
