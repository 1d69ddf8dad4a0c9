import type { TaskStatusCode } from '../../corpus/store/documents.ts';
import { STATUS_CODES, type Role } from '../../corpus/store/tracking.ts';
import { foldAligned } from '../../corpus/text/fold.ts';

/** Pure parsing of what officials type: commands, status words, roles. */

export interface ParsedCommand {
  name: string;
  args: string;
}

/**
 * "/hoi@tro_ly_bot  câu hỏi" → { name: 'hoi', args: 'câu hỏi' }. Returns null for plain text and
 * for commands addressed to another bot. Names fold to ASCII so "/cập_nhật" still finds "capnhat".
 */
export function parseCommand(text: string, botUsername?: string): ParsedCommand | null {
  const m = /^\/([\p{L}\p{N}_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/u.exec(text.normalize('NFC').trim());
  if (!m) return null;
  const target = m[2];
  if (target && botUsername && target.toLowerCase() !== botUsername.toLowerCase()) return null;
  return { name: foldWord(m[1] ?? '').replace(/_/g, ''), args: (m[3] ?? '').trim() };
}

/** Lowercase, no diacritics, "đ" → "d". */
export function foldWord(s: string): string {
  return foldAligned(s.normalize('NFC')).toLowerCase();
}

// Status words as officials type them, folded, longest first; each code also accepted as written
// ("dang_thuc_hien"). Everyday words count too: "xong", "đang làm", "trễ hạn", "done".
const STATUS_WORDS: readonly [string, TaskStatusCode][] = [
  ['chua bat dau', 'chua_bat_dau'], ['chua thuc hien', 'chua_bat_dau'], ['chua lam', 'chua_bat_dau'], ['not started', 'chua_bat_dau'],
  ['dang thuc hien', 'dang_thuc_hien'], ['dang trien khai', 'dang_thuc_hien'], ['dang lam', 'dang_thuc_hien'], ['in progress', 'dang_thuc_hien'],
  ['hoan thanh', 'hoan_thanh'], ['hoan tat', 'hoan_thanh'], ['da xong', 'hoan_thanh'], ['xong', 'hoan_thanh'], ['done', 'hoan_thanh'], ['completed', 'hoan_thanh'],
  ['cham tien do', 'cham_tien_do'], ['tre han', 'cham_tien_do'], ['qua han', 'cham_tien_do'], ['cham', 'cham_tien_do'], ['late', 'cham_tien_do'], ['delayed', 'cham_tien_do'],
  ['vuong mac', 'vuong_mac'], ['kho khan', 'vuong_mac'], ['blocked', 'vuong_mac'],
];

export interface StatusCommand {
  taskId: string;
  status: TaskStatusCode;
  percent: number | null;
  note: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// Task codes are short tokens of letters, digits and dashes ("ND24-K7Q2").
const TASK_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/;

/**
 * "/capnhat <mã> <trạng thái> [40%] [ghi chú]": the status may be several words, with or
 * without diacritics, or its code; the percent must directly follow it; the rest is the note.
 */
export function parseStatusCommand(args: string): Parsed<StatusCommand> & { taskId?: string; rest?: string } {
  const tokens = args.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const [code, ...rest] = tokens;
  if (!code || !TASK_CODE.test(code)) return { ok: false, error: 'missing_task' };
  const match = matchStatus(rest);
  // The task is known, the status word is not: the caller offers the five statuses as buttons.
  if (!match) return { ok: false, error: 'bad_status', taskId: code.toUpperCase(), rest: rest.join(' ') };
  let i = match.used;
  const pct = takePercent(rest, i);
  if (pct === 'bad') return { ok: false, error: 'bad_percent' };
  if (pct) i += pct.used;
  const note = rest.slice(i).join(' ').trim();
  return { ok: true, value: { taskId: code.toUpperCase(), status: match.status, percent: pct ? pct.percent : null, note: note || null } };
}

/** "40%" or "40 %" at `i`; 'bad' for a percent that is not a whole number up to 100. */
function takePercent(tokens: string[], i: number): { percent: number; used: number } | 'bad' | null {
  const t = tokens[i] ?? '';
  const joined = /^\d+$/.test(t) && tokens[i + 1] === '%' ? { text: `${t}%`, used: 2 } : { text: t, used: 1 };
  if (!/^[\d.,]+%$/.test(joined.text)) return null;
  const m = /^(\d{1,3})%$/.exec(joined.text);
  const percent = Number(m?.[1] ?? NaN);
  return m && percent <= 100 ? { percent, used: joined.used } : 'bad';
}

function matchStatus(tokens: string[]): { status: TaskStatusCode; used: number } | null {
  const first = foldWord(tokens[0] ?? '');
  const byCode = STATUS_CODES.find((c) => c === first);
  if (byCode) return { status: byCode, used: 1 };
  const longestFirst = [...STATUS_WORDS].sort((a, b) => b[0].split(' ').length - a[0].split(' ').length);
  for (const [words, status] of longestFirst) {
    const n = words.split(' ').length;
    if (tokens.slice(0, n).map(foldWord).join(' ') === words) return { status, used: n };
  }
  return null;
}

// Role words for /duyet, English or Vietnamese, folded.
const ROLE_WORDS: Readonly<Record<string, Role>> = {
  viewer: 'viewer', xem: 'viewer', docgia: 'viewer',
  editor: 'editor', bientap: 'editor', capnhat: 'editor',
  admin: 'admin', quantri: 'admin',
};

export interface GrantCommand {
  userId: number;
  role: Role;
  /** Agencies separated by ";" (names themselves contain commas). */
  agencies: string[];
}

/** "/duyet <user_id> <vai trò> [cơ quan; cơ quan]". */
export function parseGrantCommand(args: string): Parsed<GrantCommand> {
  const m = /^(\d{1,15})\s+(\S+)(?:\s+([\s\S]+))?$/.exec(args.normalize('NFC').trim());
  if (!m) return { ok: false, error: 'usage' };
  const role = ROLE_WORDS[foldWord(m[2] ?? '').replace(/[_\s-]/g, '')];
  if (!role) return { ok: false, error: 'bad_role' };
  const agencies = (m[3] ?? '').split(';').map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return { ok: true, value: { userId: Number(m[1]), role, agencies } };
}
