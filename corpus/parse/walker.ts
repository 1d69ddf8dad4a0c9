/**
 * The walk over a plan's lines that builds its outline: front matter, numbered parts, items
 * and points, bullets and unmarked paragraphs, back matter (recipients, signature), and a
 * document issued after a decision's signature. Used for the body of a plan (tree.ts) and for
 * an appendix written as an outline rather than a table (appendix.ts).
 */
import type { ClauseKind } from '../types.ts';
import { type DocStyle, breaksParagraph, hasWords, measureStyle } from './layout.ts';
import { endsSentence, readMarker, startsUpper } from './markers.ts';
import { Numbering, type Scope } from './numbering.ts';

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
export const DOC_TITLE = /^(?:KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|QUY TRÌNH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|QUYẾT ĐỊNH|HƯỚNG DẪN)$/u;
/**
 * A title in capitals that starts with a document type and runs on ("QUY TRÌNH RÀ SOÁT ĐỐI
 * TƯỢNG, …"), followed within a few lines by "(Ban hành kèm theo Quyết định số …)": the
 * document a decision issues, printed after its signature.
 */
const ISSUED_TITLE = /^(?:KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|QUY TRÌNH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|HƯỚNG DẪN)\s/u;
const ISSUED_WITH = /\(?\s*(?:Ban\s+hành\s+)?kèm\s+theo\b/iu;

type Mode = 'front' | 'body' | 'back';

export class Walker {
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
    const marker = readMarker(t);
    if (marker?.kind === 'part' && marker.n === 1 && this.signed()) {
      // "Danh mục các văn bản đã ban hành" / "I. QUYẾT ĐỊNH" after the signer's name: a list
      // attached to the document, numbered afresh, not more of its signature.
      this.mode = 'front';
      this.numbering.reset();
      this.scopeDrafts.clear();
      this.markerLine(t);
      return;
    }
    const opensSignature = SIGNATURE.test(t) && !SIGNATURE.test(this.current?.lines[0] ?? '');
    if (opensSignature && !SIGNATURE.test(this.prevText)) this.start('back', null, BACK_SECTION, false, t, null);
    else this.current?.lines.push(t);
  }

  /** Whether the open back-matter clause is a signature (its first line a signer's title). */
  private signed(): boolean {
    return SIGNATURE.test(this.current?.lines[0] ?? '');
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
    // A number alone on its line ("1." then the item's words below it) is followed by its text.
    const bareMarker = cur !== null && cur.numbered && cur.lines.length === 0;
    if (cur && (bareMarker || !breaksParagraph(this.prevText, { text: t, blankBefore: this.blanks }, this.style))) {
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

/**
 * Walks lines[0, end) (a plan's body, an outline appendix) in the style measured on them; each
 * line sees the next few as `ahead`, past `end` too.
 */
export function walk(lines: readonly string[], end = lines.length): Walker {
  const walker = new Walker(measureStyle(lines.slice(0, end)));
  for (let i = 0; i < end; i++) walker.feed(lines[i] ?? '', i, lines.slice(i + 1, i + 8).join(' '));
  return walker;
}
