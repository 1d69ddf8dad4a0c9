/**
 * Where one unmarked paragraph ends and the next begins. Extraction styles differ per file,
 * so the rule first measures the file: how wide a full line is, whether every line is
 * followed by a blank (then blanks say nothing), and whether paragraphs came out as one long
 * line each (then every line is a paragraph).
 */
import { endsSentence, isUpperHeading, startsUpper } from './markers.ts';

export interface DocStyle {
  /** Length of a full wrapped line (90th percentile of text lines). */
  width: number;
  /** Nearly every line is followed by a blank line, so blanks do not mark paragraphs. */
  doubleSpaced: boolean;
  /** Paragraphs are single long lines (no hard wraps). */
  longLines: boolean;
}

/** A text line as the tree walker sees it. */
export interface LineView {
  text: string;
  /** Blank (or word-less) lines between this line and the previous text line. */
  blankBefore: number;
}

export function measureStyle(lines: readonly string[]): DocStyle {
  const lengths: number[] = [];
  let followedByBlank = 0;
  let counted = 0;
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!hasWords(t)) return;
    lengths.push(t.length);
    if (i + 1 < lines.length) {
      counted++;
      if (!hasWords(lines[i + 1]?.trim() ?? '')) followedByBlank++;
    }
  });
  if (lengths.length === 0) return { width: 80, doubleSpaced: false, longLines: false };
  const sorted = [...lengths].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    width: Math.max(20, at(0.9)),
    // 0.7: double-spaced PDFs in the samples sit above 0.9, single-spaced ones below 0.4.
    doubleSpaced: counted > 0 && followedByBlank / counted >= 0.7,
    // Wrapped text keeps its median line under ~90 characters; unwrapped paragraphs run to hundreds.
    longLines: at(0.5) > 160,
  };
}

export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** A line well short of the full width ends its paragraph (or is a heading). */
function isShort(text: string, style: DocStyle): boolean {
  return text.length < 0.6 * style.width;
}

/**
 * Whether `next` starts a new paragraph after `prev` (both unmarked text, or `prev` the text
 * of a marker line). A continuation never starts with a lower-case letter; beyond that each
 * extraction style has its own evidence.
 */
export function breaksParagraph(prev: string, next: LineView, style: DocStyle): boolean {
  if (!startsUpper(next.text)) return false;
  // Multi-line all-caps titles ("I. MỤC ĐÍCH," / "YÊU CẦU") are one heading.
  if (isUpperHeading(prev) && isUpperHeading(next.text) && !endsSentence(prev)) return false;
  if (style.longLines) return true;
  if (style.doubleSpaced) return isShort(prev, style);
  if (next.blankBefore > 0) return true;
  return isShort(prev, style) && endsSentence(prev);
}
