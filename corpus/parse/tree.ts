/**
 * The clause tree of a cleaned plan: front matter, numbered parts/items/points, bullets and
 * unmarked paragraphs, back matter (recipients, signature), then appendix tables handed to
 * the appendix parser. Every word of the cleaned text lands in exactly one clause.
 */
import type { Footnote } from '../clean.ts';
import type { Clause, ClauseKind } from '../types.ts';
import { parseAppendix } from './appendix.ts';
import { finishClauses } from './finish.ts';
import { type DocStyle, breaksParagraph, hasWords, measureStyle } from './layout.ts';
import { endsSentence, isAppendixHeading, readMarker, startsUpper } from './markers.ts';
import { Numbering, type Scope } from './numbering.ts';
import { mergeTaskSheets } from './task-sheet.ts';

/** Section given to unnumbered opening and closing matter (no numbering to follow there). */
export const FRONT_SECTION = 'Mở đầu';
export const BACK_SECTION = 'Nơi nhận';

export interface Draft {
  kind: ClauseKind;
  label: string | null;
  section: string;
  numbered: boolean;
  lines: string[];
  parent: Draft | null;
  footnotes: string[];
}

/** "Nơi nhận:" and signature lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", a lone "CHỦ TỊCH"). */
const RECIPIENTS = /^Nơi nhận\s*(?::|$)/iu;
const SIGNATURE = /^(?:(?:TM|KT|TL|TUQ)\.\s*\p{Lu}|(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG)$)/u;
/** A document title alone on its line: after a decision's signature, the plan it issues begins. */
const DOC_TITLE = /^(?:KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|QUY TRÌNH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|QUYẾT ĐỊNH|HƯỚNG DẪN)$/u;
/**
 * A title in capitals that starts with a document type and runs on ("QUY TRÌNH RÀ SOÁT ĐỐI
 * TƯỢNG, …"), followed within a few lines by "(Ban hành kèm theo Quyết định số …)": the
 * document a decision issues, printed after its signature.
 */
const ISSUED_TITLE = /^(?:KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|QUY TRÌNH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|HƯỚNG DẪN)\s/u;
const ISSUED_WITH = /\(?\s*(?:Ban\s+hành\s+)?kèm\s+theo\b/iu;

type Mode = 'front' | 'body' | 'back';

class Walker {
  readonly drafts: Draft[] = [];
  private mode: Mode = 'front';
  private numbering = new Numbering();
  private scopeDrafts = new Map<Scope, Draft>();
  /** Open bullets under the current numbered clause, outermost first. */
  private bullets: Array<{ symbol: string; draft: Draft }> = [];
  private current: Draft | null = null;
  private prevText = '';
  private blanks = 0;
  readonly lineOwner: Array<Draft | null> = [];

  constructor(private readonly style: DocStyle) {}

  /** `ahead`: the next few lines, for a title the signature is followed by. */
  feed(line: string, index: number, ahead = ''): void {
    const t = line.trim();
    if (!hasWords(t)) {
      this.blanks++;
      this.lineOwner[index] = this.current;
      return;
    }
    if (this.mode === 'back') this.backLine(t, ahead);
    else if (this.mode === 'body' && (RECIPIENTS.test(t) || SIGNATURE.test(t))) this.startBack(t);
    else if (!this.markerLine(t)) this.textLine(t);
    this.lineOwner[index] = this.current;
    this.prevText = t;
    this.blanks = 0;
  }

  private startBack(t: string): void {
    this.mode = 'back';
    this.bullets = [];
    this.start('back', null, BACK_SECTION, false, t, null);
  }

  private backLine(t: string, ahead: string): void {
    if (DOC_TITLE.test(t) || (ISSUED_TITLE.test(t) && t === t.toUpperCase() && ISSUED_WITH.test(ahead))) {
      // The decision is signed; what follows is the document it issues, numbered afresh.
      this.mode = 'front';
      this.numbering.reset();
      this.scopeDrafts.clear();
      this.start('front', null, FRONT_SECTION, false, t, null);
      return;
    }
    const opensSignature = SIGNATURE.test(t) && !SIGNATURE.test(this.current?.lines[0] ?? '');
    if (opensSignature && !SIGNATURE.test(this.prevText)) this.start('back', null, BACK_SECTION, false, t, null);
    else this.current?.lines.push(t);
  }

  private markerLine(t: string): boolean {
    const marker = readMarker(t);
    if (!marker) return false;
    if (marker.kind === 'bullet') return this.mode === 'body' && this.bulletLine(marker.symbol, marker.label, marker.rest);
    // A lettered point cannot open the body: before the first part it is preamble text.
    if (this.mode === 'front' && marker.kind === 'point') return false;
    const opened = this.numbering.open(marker);
    if (!opened) return false;
    this.mode = 'body';
    this.bullets = [];
    const parent = this.scopeDrafts.get(this.numbering.parentOfCurrent) ?? null;
    const kind: ClauseKind = opened.kind === 'dotted' ? 'item' : (opened.kind as ClauseKind);
    const draft = this.start(kind, marker.label, opened.section, true, marker.rest, parent);
    this.scopeDrafts.set(opened, draft);
    return true;
  }

  private bulletLine(symbol: string, label: string, rest: string): boolean {
    // "- công nghệ" after "khoa học" is a wrapped hyphenated phrase, not a new bullet.
    if (!startsUpper(rest) && !endsSentence(this.prevText)) return false;
    const at = this.bullets.findIndex((b) => b.symbol === symbol);
    if (at >= 0) this.bullets.length = at;
    const owner = this.bullets[this.bullets.length - 1]?.draft ?? this.numberedParent();
    const draft = this.start('bullet', label, this.numbering.current.section || FRONT_SECTION, false, rest, owner);
    this.bullets.push({ symbol, draft });
    return true;
  }

  private textLine(t: string): void {
    const cur = this.current;
    if (cur && !breaksParagraph(this.prevText, { text: t, blankBefore: this.blanks }, this.style)) {
      cur.lines.push(t);
      return;
    }
    if (this.mode === 'front') this.start('front', null, FRONT_SECTION, false, t, null);
    else this.start('paragraph', null, this.numbering.current.section, false, t, this.numberedParent());
  }

  private numberedParent(): Draft | null {
    return this.scopeDrafts.get(this.numbering.current) ?? null;
  }

  private start(kind: ClauseKind, label: string | null, section: string, numbered: boolean, first: string, parent: Draft | null): Draft {
    const draft: Draft = { kind, label, section, numbered, lines: first ? [first] : [], parent, footnotes: [] };
    this.drafts.push(draft);
    this.current = draft;
    return draft;
  }
}

export function buildClauses(docId: string, text: string, footnotes: Array<Footnote & { line: number }> = []): Clause[] {
  const lines = text.split('\n');
  const appendixStarts = lines.flatMap((l, i) => (isAppendixHeading(l) || isAttachedTable(lines, i) ? [i] : []));
  const bodyEnd = appendixStarts[0] ?? lines.length;
  const walker = new Walker(measureStyle(lines.slice(0, bodyEnd)));
  for (let i = 0; i < bodyEnd; i++) walker.feed(lines[i] ?? '', i, lines.slice(i + 1, i + 8).join(' '));
  for (const fn of footnotes) {
    const owner = walker.lineOwner[Math.min(fn.line, bodyEnd - 1)] ?? walker.drafts[walker.drafts.length - 1];
    owner?.footnotes.push(fn.text);
  }
  const clauses = finishClauses(docId, mergeTaskSheets(walker.drafts));
  return [...clauses, ...appendices(docId, lines, appendixStarts, clauses)];
}

/**
 * A table issued with the document under a title of its own ("LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ
 * NĂM 2026 …" then "(Ban hành kèm theo Quyết định số …)", then the table): an appendix too,
 * though it is not called "Phụ lục".
 */
function isAttachedTable(lines: readonly string[], i: number): boolean {
  const title = (lines[i] ?? '').trim().replace(/^[*_#\s]+|[*_\s]+$/g, '');
  if (title.length < 10 || title !== title.toUpperCase() || !/\p{Lu}{3}/u.test(title) || DOC_TITLE.test(title)) return false;
  const next = lines.slice(i + 1, i + 4).join(' ').replace(/[*_]/g, '');
  if (!/^\s*\((?:Ban\s+hành\s+)?kèm\s+theo\b/iu.test(next)) return false;
  return lines.slice(i + 2, i + 14).some((l) => l.trim() === '|');
}

/** Each appendix (up to the next one) goes to the appendix parser; its ids are kept unique. */
function appendices(docId: string, lines: string[], starts: number[], body: Clause[]): Clause[] {
  const used = new Set(body.map((c) => c.id));
  const out: Clause[] = [];
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    const batch = parseAppendix(lines.slice(start, end), { docId, startOrder: body.length + out.length, parentId: null });
    out.push(...uniqueIds(batch, used));
  });
  return out;
}

/** Renames (with `~n`) any appendix id already taken, e.g. by a second "Phụ lục I", and re-points its children. */
function uniqueIds(batch: Clause[], used: Set<string>): Clause[] {
  const renamed = new Map<string, string>();
  const out = batch.map((c) => {
    let id = c.id;
    for (let n = 1; used.has(id); n++) id = `${c.id}~${n}`;
    used.add(id);
    if (id !== c.id) renamed.set(c.id, id);
    return id === c.id ? c : { ...c, id };
  });
  if (renamed.size === 0) return out;
  return out.map((c) => (c.parentId && renamed.has(c.parentId) ? { ...c, parentId: renamed.get(c.parentId) ?? null } : c));
}
