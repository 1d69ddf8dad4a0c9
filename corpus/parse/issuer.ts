/**
 * Who issued a document and for what territory: a province's People's Committee (or its
 * Chairman, or its People's Council), a ministry, the Government, the Prime Minister, the
 * National Assembly or its Standing Committee, a steering committee. Read from the issuer
 * block at the top (all caps, often broken over lines) or, failing that, from the metadata a
 * website printed with the copy. A national issuer's plan has no province: its scope is the
 * whole country, and a province's question may be answered from it.
 */
import type { IssuerKind } from '../types.ts';
import { findProvince, foldName } from './provinces.ts';

export interface Issuer {
  name: string;
  kind: IssuerKind;
  province: string | null;
}

/** A header line in capitals (any length: "ỦY" alone counts, broken off "ỦY BAN NHÂN DÂN"). */
function isCaps(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase();
}

/**
 * Runs of capital lines at the top ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG"), each joined, in
 * order; the motto, the number and the document type ("QUYẾT ĐỊNH") end a run.
 */
export function issuerBlocks(front: readonly string[], docType: RegExp): string[] {
  const runs: string[][] = [[]];
  for (const l of front.slice(0, 40)) {
    const t = l.replace(/\*+/g, '').trim();
    if (!t || /^[-|_=\s]+$/.test(t)) continue;
    const f = foldName(t);
    const breaks = /^(cong hoa|doc lap|so\b)/.test(f) || /chu nghia viet nam/.test(f) || docType.test(t) || !isCaps(t);
    if (breaks) {
      if (runs[runs.length - 1]!.length > 0) runs.push([]);
      continue;
    }
    runs[runs.length - 1]!.push(t);
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(' '));
}

const LOCAL = /^(?:(chu tich) )?(uy ban nhan dan|hoi dong nhan dan) (tinh|thanh pho) (.+)$/;

/** National issuers by their folded name; longest match first. */
const NATIONAL: ReadonlyArray<[RegExp, IssuerKind, string | null]> = [
  [/^thu tuong chinh phu\b/, 'prime_minister', 'Thủ tướng Chính phủ'],
  [/^chinh phu\b/, 'government', 'Chính phủ'],
  [/^uy ban thuong vu quoc hoi\b/, 'national_assembly', 'Ủy ban Thường vụ Quốc hội'],
  [/^quoc hoi\b/, 'national_assembly', 'Quốc hội'],
  [/^(?:bo|co quan ngang bo|ngan hang nha nuoc viet nam|thanh tra chinh phu|van phong chinh phu)\b/, 'ministry', null],
  [/^ban chi dao\b/, 'steering_committee', null],
];

function titleCase(caps: string): string {
  const lower = caps.toLowerCase().replace(/\s+/g, ' ').trim();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** A ministry's name as plans write it: "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Bộ Văn hóa, Thể thao và Du lịch". */
function ministryName(caps: string): string {
  const words = caps.toLowerCase().replace(/\s+/g, ' ').trim().split(' ');
  // "Bộ" + the first word of each field capitalised after a comma or "và".
  return words.map((w, i) => (i === 0 || i === 1 || /,$/.test(words[i - 1] ?? '') || words[i - 1] === 'và' ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}

/** The issuer a header block (or a website's "Nơi ban hành") names, or null. */
export function readIssuer(block: string): Issuer | null {
  const text = block.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const f = foldName(text);
  const local = LOCAL.exec(f);
  if (local) {
    const province = findProvince(`${local[3]} ${local[4]}`);
    if (!province) return null;
    const body = local[2] === 'hoi dong nhan dan' ? 'Hội đồng nhân dân' : 'Ủy ban nhân dân';
    const name = `${local[1] ? 'Chủ tịch ' : ''}${body} ${local[3] === 'tinh' ? 'tỉnh' : 'thành phố'} ${province}`;
    return { name, kind: 'province', province };
  }
  for (const [re, kind, fixed] of NATIONAL) {
    if (!re.test(f)) continue;
    // A name not in capitals (a website's "Nơi ban hành") is kept as written.
    const name = fixed ?? (text !== text.toUpperCase() ? text : kind === 'ministry' ? ministryName(text) : titleCase(text));
    return { name, kind, province: null };
  }
  return null;
}
