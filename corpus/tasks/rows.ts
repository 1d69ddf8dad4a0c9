import { isAgency, splitAgencies } from './agencies.ts';
import { fold, tidy } from './fold.ts';
import { findRoles, type Roles } from './roles.ts';
import { rowTarget } from './targets.ts';

/**
 * Appendix table rows: which column holds what, read from the column names the table parser
 * keeps ("Cơ quan chủ trì thực hiện", "Đơn vị", "Chỉ tiêu năm 2024", ...).
 */

export interface RowFields {
  lead?: string;
  coordinators?: string;
  /** "Cơ quan chủ trì đánh giá": who assesses the result, not who does the work. */
  evaluator?: string;
  unit?: string;
  target?: string;
  deadline?: string;
}

type Field = keyof RowFields;

/** The role of a column from its folded name; null for description and numbering columns. */
function fieldOf(columnName: string): Field | null {
  const name = fold(columnName).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (/danh gia|nghiem thu/.test(name)) return 'evaluator';
  if (/phoi hop/.test(name)) return 'coordinators';
  if (/chu tri|thuc hien|trach nhiem|dau moi/.test(name) && /co quan|don vi|chu tri|dau moi/.test(name)) return 'lead';
  if (/^(don vi( tinh)?|dvt)$/.test(name)) return 'unit';
  if (/thoi gian|thoi han|tien do|hoan thanh/.test(name)) return 'deadline';
  // "Chỉ tiêu" alone is the description; "Chỉ tiêu năm 2024", "Mục tiêu", "Kết quả" hold the value.
  if (/^(chi tieu .+|muc tieu|ket qua.*|gia tri.*|muc phan dau.*)$/.test(name)) return 'target';
  return null;
}

export function rowFields(columns: Record<string, string>): RowFields {
  const out: RowFields = {};
  for (const [name, value] of Object.entries(columns)) {
    const field = fieldOf(name);
    const cell = tidy(value);
    if (field && cell && out[field] === undefined) out[field] = cell;
  }
  return out;
}

/** Lead and coordinators of a row: its lead cell ("Sở Y tế phối hợp với Bảo hiểm xã hội tỉnh") plus the coordinating cell. */
export function rowRoles(fields: RowFields): Roles {
  const lead = fields.lead ? findRoles(fields.lead) : { leads: [], coordinators: [], headingOnly: false };
  const extra = fields.coordinators ? splitAgencies(fields.coordinators).filter(isAgency) : [];
  return { leads: lead.leads, coordinators: [...new Set([...lead.coordinators, ...extra])], headingOnly: false };
}

export function rowTargets(fields: RowFields): string[] {
  const value = rowTarget(fields.unit, fields.target);
  return value ? [value] : [];
}
