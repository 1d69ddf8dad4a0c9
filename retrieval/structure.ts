/**
 * What a clause's place in the plan says about it as an answer. A bare heading ("3. Sở Nội
 * vụ:", "II. NỘI DUNG...") matches by its words but answers little; the preamble restates
 * the plan's name that every question echoes. Yet when the question asks who leads, a
 * heading that names agencies ("Các sở: Công Thương, Y tế...:") may be the answer, so it
 * keeps its score then. (Lifting such headings above their best point was tried: on the dev
 * questions it won one "which departments" question and lost three whose point was gold.)
 */
import type { PassageInfo } from './lexical.ts';
import { containsRun } from './normalize.ts';
import type { Intent } from './query.ts';

/** A heading without content of its own: a Roman part, or a short line ending with ":" or in capitals. */
export function isBareHeading(passage: PassageInfo): boolean {
  if (passage.kind === 'part') return true;
  const text = passage.text.trim();
  const count = text.split(/\s+/).length;
  if (count <= 40 && (text.endsWith(':') || !/\p{Ll}/u.test(text))) return true;
  // A title line of a few words without a sentence of its own ("1.3. Lợi ích phương án đơn giản
  // hóa", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"): it names what follows.
  return passage.kind !== 'row' && count <= 12 && !/[.;!?]\s*$/u.test(text) && !/\d/.test(text.replace(/^[\d.\s]+/, ''));
}

/**
 * First words of an agency's name (folded): "Sở ...", "Cục ...", "Ngân hàng ...", "Tổ công
 * tác ...". A clause opening with one names whose task it is.
 */
export const AGENCY_HEADS: ReadonlySet<string> = new Set([
  'so', 'cuc', 'ban', 'ngan', 'van', 'thanh', 'cong', 'bao', 'uy', 'kho', 'to', 'trung', 'chi', 'hiep', 'dien', 'dai', 'bo',
  'hoi', 'lien', 'vien', 'toa', 'doan', 'mat', 'chu', 'thu',
]);
/** Leading words of a clause skipped before its subject ("Các sở: ...", "Giao Sở ..."). */
export const OPENING_SLACK = 3;

export function opensWithAgency(passage: PassageInfo): boolean {
  return passage.opening.slice(0, OPENING_SLACK).some((w) => AGENCY_HEADS.has(w));
}

/** Score kept by a bare heading, and by the preamble: enough to stay listed, not to outrank a point matching as well. */
const HEADING_FACTOR = 0.75;
const FRONT_FACTOR = 0.8;
/**
 * Score kept by the back matter (recipient list, signature) unless the question asks for it:
 * "Nơi nhận" lists every agency of the plan, so it matches any question naming two of them
 * (it ranked first for "what must the radio station and newspaper do" on the extra set).
 */
const BACK_FACTOR = 0.5;

const asksWho = (intents: readonly Intent[]) => intents.includes('lead') || intents.includes('coordinate');

/** Folded runs asking for the recipients or the signer (English already glossed: "recipient" → "nơi nhận"). */
const BACK_CUES = [['noi', 'nhan'], ['nguoi', 'ky'], ['ky', 'ten'], ['ky', 'thay'], ['chu', 'ky'], ['ky', 'ban', 'hanh']];

export function asksBackMatter(sequence: readonly string[]): boolean {
  return BACK_CUES.some((cue) => containsRun(sequence, cue));
}

/** `agencyKnown`: the question names the agency and asks what it must do, so a heading naming it is no answer. */
export function structureFactor(passage: PassageInfo, intents: readonly Intent[], wantsBack = false, agencyKnown = false): number {
  if (passage.kind === 'back') return wantsBack ? 1 : BACK_FACTOR;
  if (passage.kind === 'front') return FRONT_FACTOR;
  if (!isBareHeading(passage)) return 1;
  return asksWho(intents) && !agencyKnown && opensWithAgency(passage) ? 1 : HEADING_FACTOR;
}
