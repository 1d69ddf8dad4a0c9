/**
 * Plans copied from a legal-document website come wrapped in the page around them: a
 * copyright banner, a metadata table ("Số hiệu", "Loại văn bản", "Nơi ban hành", "Người ký",
 * "Ngày ban hành"), an editor's summary that repeats clauses of the document, and after the
 * signature the site's related-documents list and notices. None of it is the plan's text: a
 * summary line would be cited instead of the clause it copies, and a notice about personal
 * data would answer questions about another law. The frame is cut; its metadata is kept as
 * header facts for documents whose own header block did not survive the copy.
 */
import { fold } from '../text/fold.ts';

export interface PageMeta {
  number?: string;
  docType?: string;
  issuer?: string;
  signer?: string;
  /** ISO yyyy-mm-dd. */
  date?: string;
}

export interface FramedText {
  lines: string[];
  meta: PageMeta | null;
}

/** Folded marks of the page frame; two of them make a page. */
const FRAME_MARKS = [/ban dich nay thuoc quyen so huu cua/, /^dang tai van ban/, /^so hieu:$/, /^loai van ban:$/, /^noi ban hanh:$/, /^nguoi ky:$/];
const META_KEYS: Record<string, keyof PageMeta> = {
  'so hieu': 'number',
  'loai van ban': 'docType',
  'noi ban hanh': 'issuer',
  'nguoi ky': 'signer',
  'ngay ban hanh': 'date',
};
/** Keys of the metadata table that close it ("Tình trạng: Đã biết"). */
const META_LAST = /^tinh trang:$/;
/** The end of the editor's summary: "Xem chi tiết (nội dung) tại Quyết định …". */
const SUMMARY_END = /^xem chi tiet (?:noi dung )?tai /;
/** Where the page resumes after the document: its own title line, then these. */
const TAIL = /^(?:van ban nay chua cap nhat noi dung tieng anh|## van ban lien quan|luoc do|lien quan hieu luc)$/;

/** A line as the frame tests see it: markdown emphasis and table bars gone, folded. */
function bare(line: string): string {
  return fold(line.replace(/\*+/g, ' ').replace(/^\|$/, '')).trim();
}

function isoDate(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : undefined;
}

function nextValue(lines: readonly string[], from: number): { value: string; at: number } | null {
  for (let i = from; i < Math.min(lines.length, from + 6); i++) {
    const v = lines[i]!.replace(/\*+/g, '').trim();
    if (v === '' || v === '|') continue;
    return { value: v, at: i };
  }
  return null;
}

/** Reads the metadata table; returns it and the index of its last line. */
function readMeta(lines: readonly string[], folded: readonly string[]): { meta: PageMeta; end: number } {
  const meta: PageMeta = {};
  let end = -1;
  for (let i = 0; i < Math.min(lines.length, 200); i++) {
    const f = folded[i]!;
    const key = META_KEYS[f.replace(/:$/, '')];
    if (key && f.endsWith(':')) {
      const v = nextValue(lines, i + 1);
      if (v) {
        meta[key] = key === 'date' ? (isoDate(v.value) ?? v.value) : v.value;
        end = Math.max(end, v.at);
      }
    } else if (META_LAST.test(f)) {
      end = Math.max(end, nextValue(lines, i + 1)?.at ?? i);
      break;
    }
  }
  return { meta, end };
}

/** Cuts a website's frame off the document it holds; text without one comes back unchanged. */
export function stripWebFrame(lines: string[]): FramedText {
  const folded = lines.map(bare);
  const head = folded.slice(0, 120);
  const marks = FRAME_MARKS.filter((re) => head.some((l) => re.test(l))).length;
  if (marks < 2) return { lines, meta: null };
  const { meta, end } = readMeta(lines, folded);
  let start = end + 1;
  // An editor's summary ("## …" heading, a few bullets, "Xem chi tiết tại …") comes before the document.
  const summaryEnd = folded.findIndex((l, i) => i > end && i < end + 150 && SUMMARY_END.test(l));
  if (summaryEnd > 0 && folded.slice(start, summaryEnd).some((l) => l.startsWith('## '))) start = summaryEnd + 1;
  let stop = folded.findIndex((l, i) => i > start && TAIL.test(l));
  if (stop < 0) stop = lines.length;
  // The page's own title line ("Quyết định 2530/QĐ-TTg năm 2025 … ban hành") sits right above the tail.
  else if (stop > start && / ban hanh$/.test(folded[stop - 1]!)) stop--;
  return { lines: lines.slice(start, stop), meta };
}
