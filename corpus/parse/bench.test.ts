/**
 * Generalisation check on plans nobody here wrote (web text from 17 other provinces and
 * ministries, read in place from ../shared/bench): parsing never throws and yields a sane tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from './index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const benchDir = path.resolve(repoRoot, '../shared/bench/plans-2025');
const files = fs.existsSync(benchDir) ? fs.readdirSync(benchDir).filter((f) => f.endsWith('.txt')) : [];
if (files.length === 0) console.warn(`bench plans not found at ${benchDir}: skipping`);
const moreDir = path.resolve(repoRoot, '../shared/bench/plans-more');
const moreFiles = fs.existsSync(moreDir) ? fs.readdirSync(moreDir).filter((f) => f.endsWith('.md')) : [];

/**
 * What a bench file's name says of its issuer ("ttg_2530-QD-TTg_2025_…", "hcm_172-KH-UBND_…"):
 * used only to check the parser, which never reads file names. National issuers' codes.
 */
const NATIONAL_PREFIXES = new Set(['ttg', 'bxd', 'bnv', 'bvhttdl', 'chinhphu', 'ubtvqh', 'bcd-cp']);
function fromName(file: string): { national: boolean; number: string } {
  const [issuer = '', code = ''] = file.split('_');
  return { national: NATIONAL_PREFIXES.has(issuer), number: code.split('-')[0] ?? '' };
}

/** Sections the contract allows outside appendices: numbered paths, articles, opening and closing matter. */
const SANE_SECTION = /^(?:Mở đầu|Nơi nhận|Điều \d{1,3}(?:\.\d{1,2})*(?:\.[a-zđ])?|(?:[IVXL]{1,7}\.)?\d{1,2}(?:\.\d{1,2}){0,3}(?:\.[a-zđ])?|[IVXL]{1,7}(?:\.[a-zđ])?|[a-zđ])$/u;

describe.skipIf(files.length === 0)('bench plans (plans-2025)', () => {
  it.each(files)('%s parses into a sane clause tree', (file) => {
    const raw = fs.readFileSync(path.join(benchDir, file), 'utf8');
    const { header, clauses } = parseDocument(file, raw);
    const body = clauses.filter((c) => c.kind !== 'appendix' && c.kind !== 'row' && !c.section.startsWith('Phụ lục'));
    expect(body.filter((c) => c.kind !== 'front' && c.kind !== 'back').length).toBeGreaterThan(5);
    for (const c of body) expect(c.section, c.id).toMatch(SANE_SECTION);
    const ids = new Set(clauses.map((c) => c.id));
    expect(ids.size).toBe(clauses.length);
    for (const c of clauses) if (c.parentId) expect(ids.has(c.parentId), c.id).toBe(true);
    expect(header.number).not.toBeNull();
    expect(header.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe.skipIf(files.length === 0)('bench plans: headers of any issuer', () => {
  it.each(files)('%s: issuer, scope, number and province or national scope', (file) => {
    const { header } = parseDocument(file, fs.readFileSync(path.join(benchDir, file), 'utf8'));
    const expected = fromName(file);
    expect(header.scope).toBe(expected.national ? 'national' : 'province');
    expect(header.province === null).toBe(expected.national);
    expect(header.number?.split('/')[0]).toBe(expected.number);
    expect(header.issuer).not.toBeNull();
  });

  it('reads plan periods and a website\'s frame off the national plan', () => {
    const read = (f: string) => parseDocument(f, fs.readFileSync(path.join(benchDir, f), 'utf8'));
    const ttg = read(files.find((f) => f.startsWith('ttg_2530'))!);
    expect(ttg.header).toMatchObject({ issuer: 'Thủ tướng Chính phủ', issuerKind: 'prime_minister', period: { from: 2026, to: 2030 }, docType: 'Quyết định' });
    // The site's banner, summary and customer notices are not clauses of the plan.
    expect(ttg.clauses.some((c) => /THƯ VIỆN PHÁP LUẬT|Quý khách|Đang tải văn bản/u.test(c.text))).toBe(false);
    const dongThap = read(files.find((f) => f.startsWith('dongthap_552'))!);
    expect(dongThap.header).toMatchObject({ province: 'Đồng Tháp', year: 2025, period: { from: 2025, to: 2035 } });
    const hcm = read(files.find((f) => f.startsWith('hcm_172'))!);
    expect(hcm.header.province).toBe('Hồ Chí Minh');
  });
});

describe.skipIf(moreFiles.length === 0)('more bench documents (plans-more): every kind of issuer', () => {
  it.each(moreFiles)('%s parses with its issuer, scope and number', (file) => {
    const raw = fs.readFileSync(path.join(moreDir, file), 'utf8');
    const { header, clauses } = parseDocument(file, raw);
    const expected = fromName(file);
    expect(header.scope, 'scope').toBe(expected.national ? 'national' : 'province');
    expect(header.issuer, 'issuer').not.toBeNull();
    if (!expected.national) expect(header.province, 'province').not.toBeNull();
    // Two national resolutions state their number only at the end of the text; every other document in its header.
    if (!/^(chinhphu|ubtvqh)_/.test(file) || header.number) expect(header.number?.split('/')[0]).toBe(expected.number);
    expect(clauses.filter((c) => c.kind !== 'front' && c.kind !== 'back').length).toBeGreaterThan(5);
    expect(clauses.some((c) => /THƯ VIỆN PHÁP LUẬT|Đang tải văn bản/u.test(c.text))).toBe(false);
    const ids = new Set(clauses.map((c) => c.id));
    expect(ids.size).toBe(clauses.length);
  });
});
