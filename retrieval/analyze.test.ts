import { describe, expect, it } from 'vitest';
import { expandAbbreviations, isEnglish, passageTerms, questionTerms, translate, translateEnglish } from './analyze.ts';
import { words } from './normalize.ts';

const terms = (q: string) => questionTerms(words(q));

describe('abbreviations', () => {
  it('expands them in passages and keeps the abbreviation as a term', () => {
    const t = passageTerms('Sở TN&MT, UBND tỉnh');
    expect(t).toEqual(expect.arrayContaining(['tài', 'nguyên', 'môi', 'trường', 'tnmt', 'ủy', 'ban', 'ubnd', 'moi_truong']));
  });

  it('takes the longest abbreviation (KH&ĐT is not KH)', () => {
    expect(expandAbbreviations(words('Sở KH&ĐT')).words.join(' ')).toBe('sở kế hoạch và đầu tư');
    expect(expandAbbreviations(words('KH CCHC')).words.join(' ')).toBe('kế hoạch cải cách hành chính');
  });

  it('leaves a word with marks alone whatever it folds to ("vật tư" is no "VAT tư")', () => {
    expect(expandAbbreviations(words('vật tư, vật liệu; thuế VAT')).words.join(' ')).toBe('vật tư vật liệu thuế thuế giá trị gia tăng');
    expect(expandAbbreviations(words('thue vat, QĐ, qd')).words.join(' ')).toBe('thue thuế giá trị gia tăng quyết định quyết định');
  });

  it('makes a question with abbreviations meet a passage written in full', () => {
    const q = terms('hoàn thuế GTGT do NHNN chi nhánh');
    const p = new Set(passageTerms('hoàn thuế giá trị gia tăng, Ngân hàng Nhà nước chi nhánh'));
    expect(q.bigrams.filter((b) => p.has(b))).toEqual(expect.arrayContaining(['gia_tri', 'ngan_hang', 'nha_nuoc']));
  });
});

describe('English questions', () => {
  it('are recognised, and Vietnamese without diacritics is not taken for English', () => {
    expect(isEnglish(words('Which agency leads VAT refunds in Nam Định?'))).toBe(true);
    expect(isEnglish(words('lang son co quan nao lam dau moi theo doi chi so tiep can dien nang'))).toBe(false);
    expect(isEnglish(words('ai chu tri so hoa ho so tthc'))).toBe(false);
    // Syllables that are also English words ("kinh", "theo", "an", "to") do not make Vietnamese English.
    expect(isEnglish(words('Đồng Tháp muốn kinh tế số chiếm bao nhiêu % GRDP vào năm 2035 theo lộ trình đổi mới công nghệ?'))).toBe(false);
    expect(isEnglish(words('What does Sở Nông nghiệp và Môi trường do in Cần Thơ?'))).toBe(true);
  });

  it('go through the glossary, longest phrase first, with plural and -ing forms', () => {
    expect(translateEnglish(words('the Department of Justice')).join(' ')).toBe('sở tư pháp');
    expect(translateEnglish(words('digitising dossiers at one-stop shops')).join(' ')).toBe('số hóa hồ sơ bộ phận một cửa');
    expect(translateEnglish(words('who leads VAT refunds')).join(' ')).toBe('chủ trì hoàn thuế giá trị gia tăng');
    // Plain words questions use beside the plans' terms: "system", "committee", "PM", "dispatch".
    expect(translateEnglish(words('the PM dispatch on the new system')).join(' ')).toBe('thủ tướng công văn công điện mới hệ thống');
  });

  it('lose English function words that would fold into Vietnamese syllables', () => {
    const q = terms('What is the State Bank asked to do on cashless payments?');
    expect(q.unigrams).not.toContain('the');
    expect(q.unigrams).not.toContain('to');
    expect(q.bigrams).toEqual(expect.arrayContaining(['ngan_hang', 'tien_mat']));
  });
});

describe('question terms', () => {
  it('index folded and exact forms, drop question words and keep bigrams out of them', () => {
    const q = terms('Cơ quan nào chủ trì?');
    expect(q.unigrams).toEqual(expect.arrayContaining(['cơ', 'co', 'chủ', 'chu']));
    expect(q.unigrams).not.toContain('nao');
    // "cơ quan" before "nào" names what is asked for, not a word the clause must hold.
    expect(q.bigrams).toEqual(['chu_tri']);
    expect(q.content).not.toContain('quan');
    expect(terms('những đơn vị nào phối hợp').content).toEqual(['phoi', 'hop']);
    // Only a category noun: "kế hoạch nào" keeps "kế hoạch", which the clause may well hold.
    expect(terms('kế hoạch nào giao Sở Tư pháp').content).toEqual(expect.arrayContaining(['ke', 'hoach']));
    // A time or the measures asked for: "khung giờ nào", "biện pháp gì".
    expect(terms('đốt thực bì vào khung giờ nào trong ngày').content).not.toContain('khung');
    expect(terms('áp dụng biện pháp gì để phòng cháy rừng').content).not.toContain('bien');
    expect(terms('áp dụng biện pháp phòng cháy rừng').content).toContain('bien');
    // Before "là gì", and the "một lần" of "bao lâu một lần".
    expect(terms('hệ thống thông tin giải quyết TTHC tên gọi tắt là gì').content).not.toContain('tat');
    expect(terms('bao lau bao cao ket qua mot lan').content).toEqual(['bao', 'cao', 'ket', 'qua']);
    // English: the noun after "which" is dropped before translation.
    expect(terms('Which department leads drainage?').content).not.toContain('so');
  });

  it('treat a question without diacritics like one with them, on folded terms', () => {
    const bare = terms('ai chu tri so hoa ho so');
    const full = terms('ai chủ trì số hóa hồ sơ');
    expect(bare.bigrams).toEqual(full.bigrams);
    expect(full.unigrams).toEqual(expect.arrayContaining(bare.unigrams));
  });
});

describe('English glossary matching', () => {
  it('finds a plural alone and inside a longer key', () => {
    expect(translateEnglish(words('two departments')).join(' ')).toBe('two sở');
    expect(translateEnglish(words('departments and agencies')).join(' ')).toBe('sở ban ngành');
  });

  it('lists the words it could not translate, never names, numbers or function words', () => {
    const t = translate(words('Which agency leads clearance frobnication for 2 VAT refunds?'));
    expect(t.untranslated).toEqual(['frobnication']);
    expect(t.words).toContain('thông');
  });
});

describe('words no passage holds', () => {
  it('drops "phần trăm" (plans write %) and keeps an article label to its bigram', () => {
    const q = terms('bao nhiêu phần trăm theo Điều 5 hồ sơ');
    expect(q.content).not.toContain('tram');
    expect(q.unigrams).not.toContain('5');
    expect(q.bigrams).toContain('dieu_5');
  });

  it('read a final "không" as the yes/no particle only after "có"', () => {
    expect(terms('Bắc Giang có giao Sở Y tế rà soát không?').content).not.toContain('khong');
    expect(terms('ai quản lý cảng hàng không?').bigrams).toContain('hang_khong');
  });

  it('splits a number run into the next word by PDF extraction', () => {
    expect(passageTerms('không quá 1lần/năm')).toEqual(expect.arrayContaining(['1', 'lần', 'lan']));
  });
});
