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
