import { describe, expect, it } from 'vitest';
import type { DocHeader } from '../corpus/types.ts';
import { prepareQuery } from './query.ts';
import { addressesLocalities, coversYear, scopeDocuments } from './scope.ts';
import type { IndexedDocument } from './types.ts';

const header = (over: Partial<DocHeader>): DocHeader => ({
  issuer: null, number: null, date: null, province: null, year: null, title: null, implements: null, kind: null, ...over,
});
const doc = (id: string, over: Partial<DocHeader>): IndexedDocument => ({ id, header: header(over) });
const DOCS = [
  doc('nd24', { province: 'Nam Định', year: 2024, kind: 'nq02', date: '2024-01-19' }),
  doc('nd22', { province: 'Nam Định', year: 2022, kind: 'cchc' }),
  doc('bg24', { province: 'Bắc Giang', year: 2024, kind: 'nq02' }),
  doc('ls21', { province: 'Lạng Sơn', year: 2021, kind: 'nq02' }),
];
const scope = (q: string, docs = DOCS) => scopeDocuments(prepareQuery(q).filters, docs);

describe('scopeDocuments', () => {
  it('keeps to the province and year named', () => {
    expect(scope('Nam Định năm 2024').docIds).toEqual(['nd24']);
    expect(scope('Nam Định').docIds).toEqual(['nd24', 'nd22']);
    expect(scope('năm 2022').docIds).toEqual(['nd22']);
  });

  it('keeps a document without a year for a question naming one (a law)', () => {
    const law = doc('law', {});
    expect(scope('Theo Luật Giáo dục năm 2019', [...DOCS, law]).docIds).toEqual(['law']);
  });

  it('refuses a province or year no document covers', () => {
    expect(scope('Kế hoạch năm 2022 của Bắc Giang').refusal).toBe('unknown_scope');
    expect(scope('Đà Nẵng chủ trì việc gì').refusal).toBe('unknown_scope');
    expect(scope('năm 2019').refusal).toBe('unknown_scope');
    expect(scope('ai chủ trì số hóa hồ sơ').refusal).toBeUndefined();
  });

  it('answers a province no plan covers from a national document the question names by number', () => {
    const cd227 = doc('ttg227', { number: '227/CĐ-TTg', year: 2025, issuerKind: 'prime_minister', scope: 'national' });
    const q = prepareQuery('Phó Thủ tướng nào chỉ đạo khắc phục mưa lũ tại Khánh Hòa (CĐ 227)?').filters;
    expect(scopeDocuments(q, [...DOCS, cd227], ['ttg227'])).toEqual({ docIds: ['ttg227'], nationalIds: ['ttg227'] });
    // Named by number but not national (another province's plan), or not named: still refused.
    expect(scopeDocuments(q, [...DOCS, cd227], ['bg24']).refusal).toBe('unknown_scope');
    expect(scopeDocuments(q, [...DOCS, cd227]).refusal).toBe('unknown_scope');
  });

  it('admits the national plans, for their clauses naming the province, when such a question turns to them', () => {
    const kk = doc('ttg2530', { number: '2530/QĐ-TTg', year: 2025, period: { from: 2026, to: 2030 }, issuerKind: 'prime_minister', scope: 'national' });
    const q = prepareQuery('Theo KHHĐ quốc gia về không khí, PM2.5 của Hà Nội năm 2030 là bao nhiêu?');
    expect(q.nationalCue).toBe(true);
    expect(scopeDocuments(q.filters, [...DOCS, kk], [], q.nationalCue)).toEqual({ docIds: ['ttg2530'], nationalIds: ['ttg2530'], placeOnly: true });
    // "CT 32/CT-TTg" implemented by a province: its own plan is asked for, no national one is admitted whole.
    const own = prepareQuery('Thanh Hóa triển khai CT 32/CT-TTg giao cơ quan nào chủ trì?');
    expect(scopeDocuments(own.filters, [...DOCS, kk], [], own.nationalCue)).toMatchObject({ placeOnly: true });
    expect(scopeDocuments(q.filters, [...DOCS, kk]).refusal).toBe('unknown_scope');
  });
});

describe('the administrative map in scoping', () => {
  const hcm = doc('hcm', { province: 'Hồ Chí Minh', year: 2025, date: '2025-11-18', issuerKind: 'province', scope: 'province' });
  const ninhBinh25 = doc('nb25', { province: 'Ninh Bình', year: 2025, date: '2025-11-25' });
  const ninhBinh24 = doc('nb24', { province: 'Ninh Bình', year: 2024, date: '2024-03-01' });

  it('resolves every short form of a centrally-run city to the plan stored under its name', () => {
    for (const q of ['TP.HCM ai chủ trì?', 'tp hcm ai chu tri', 'HCMC who leads?', 'Sài Gòn ai chủ trì', 'Thành phố Hồ Chí Minh ai chủ trì', 'TP. Hồ Chí Minh ai chủ trì']) {
      expect(scope(q, [hcm]).docIds, q).toEqual(['hcm']);
    }
  });

  it('lets today\'s unit search the plans of the provinces merged into it', () => {
    expect(scope('Ninh Bình ai chủ trì hoàn thuế?', [...DOCS, ninhBinh25]).docIds.sort()).toEqual(['nb25', 'nd22', 'nd24']);
    expect(scope('Bắc Ninh chủ trì gì', DOCS).docIds).toEqual(['bg24']);
  });

  it('lets a former province find its own plans and its successor\'s plans issued after the merger', () => {
    const docs = [...DOCS, ninhBinh25, ninhBinh24];
    expect(scope('Nam Định ai chủ trì', docs).docIds.sort()).toEqual(['nb25', 'nd22', 'nd24']);
    expect(scope('Nam Định ai chủ trì', docs).docIds).not.toContain('nb24');
  });

  it('admits national plans beside a province\'s own, and never alone', () => {
    const ttg = doc('ttg', { issuer: 'Thủ tướng Chính phủ', issuerKind: 'prime_minister', scope: 'national', year: 2025, period: { from: 2026, to: 2030 } });
    expect(scope('TP.HCM phải làm gì về không khí', [hcm, ttg])).toEqual({ docIds: ['hcm', 'ttg'], nationalIds: ['ttg'] });
    expect(scope('Kiên Giang phải làm gì về không khí', [hcm, ttg]).refusal).toBe('unknown_scope');
    expect(scope('bộ nào chủ trì về không khí', [hcm, ttg]).docIds).toEqual(['hcm', 'ttg']);
  });
});

describe('plan periods', () => {
  const bn = doc('bn144', { province: 'Bắc Ninh', year: 2025, period: { from: 2026, to: 2030 } });
  const dt = doc('dt552', { province: 'Đồng Tháp', year: 2025, period: { from: 2025, to: 2035 } });

  it('match any year of the period as well as the issue year', () => {
    expect(coversYear(bn.header, 2025)).toBe(true);
    expect(coversYear(bn.header, 2028)).toBe(true);
    expect(coversYear(bn.header, 2031)).toBe(false);
    expect(scope('Bắc Ninh năm 2030 đạt bao nhiêu', [bn]).docIds).toEqual(['bn144']);
    expect(scope('kế hoạch năm 2027 của Bắc Ninh', [bn]).docIds).toEqual(['bn144']);
    expect(scope('Đồng Tháp vào năm 2035 kinh tế số chiếm bao nhiêu', [dt]).docIds).toEqual(['dt552']);
    expect(scope('kế hoạch năm 2019 của Bắc Ninh', [bn]).refusal).toBe('unknown_scope');
  });

  it('match the year a plan for a later year was issued in, and only that', () => {
    const calendar = doc('bnv1383', { year: 2026, date: '2025-11-26', scope: 'national', issuerKind: 'ministry' });
    expect(coversYear(calendar.header, 2026)).toBe(true);
    expect(coversYear(calendar.header, 2025)).toBe(true);
    expect(coversYear(calendar.header, 2019)).toBe(false);
    // A document whose header gave no year nor date is of no particular year.
    expect(coversYear(header({}), 2019)).toBe(true);
  });
});

describe('addressesLocalities', () => {
  it('tells a national clause turned to the provinces from one for a ministry alone', () => {
    expect(addressesLocalities('Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương rà soát văn bản', [])).toBe(true);
    expect(addressesLocalities('Chỉ đạo xây dựng kế hoạch', ['Các bộ, ngành, địa phương'])).toBe(true);
    expect(addressesLocalities('Bộ Công an chủ trì xây dựng nghị định', ['Bộ Công an'])).toBe(false);
  });
});
