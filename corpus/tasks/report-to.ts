import { isAgency, splitAgencies } from './agencies.ts';
import { foldAligned } from './fold.ts';

/**
 * Where a clause sends its reports: "gửi báo cáo về Sở Tư pháp", "báo cáo kết quả thực hiện
 * về Sở Khoa học và Công nghệ trước ngày 15/11", "báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội
 * vụ)". Names come back as written.
 */

/** "gửi (báo cáo …) về", "báo cáo (kết quả …) về": the recipient follows "về". Folded, case kept. */
const SENT_TO = /(?<![\p{L}\d])(?:gui|bao cao)(?![\p{L}\d])[^.;:()]{0,90}?(?<![\p{L}\d])ve(?:\s+cho)?\s+(?=\p{Lu})/gu;
/** "(qua Sở Nội vụ)" after a report: the body that collects it. */
const VIA = /(?<![\p{L}\d])bao cao[^.;:()]{0,80}?\(\s*qua\s+(?=\p{Lu})/gu;
/** Where the recipient's name ends: a time, a purpose, another clause. */
const END = /(?<![\p{L}\d])(?:truoc|cham nhat|dinh ky|hang|trong|de|nham|theo|khi|sau|dong thoi|va cac|tong hop)(?![\p{L}\d])|[.;:()\n]/u;

function recipientsAt(text: string, folded: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(re)) {
    const from = m.index + m[0].length;
    const rest = folded.slice(from, from + 200);
    const end = END.exec(rest)?.index ?? rest.length;
    for (const name of splitAgencies(text.slice(from, from + end))) if (isAgency(name)) out.push(name);
  }
  return out;
}

export function reportRecipients(text: string): string[] {
  const folded = foldAligned(text.normalize('NFC'));
  const src = text.normalize('NFC');
  return [...new Set([...recipientsAt(src, folded, SENT_TO), ...recipientsAt(src, folded, VIA)])];
}
