/**
 * Shared data shapes of the plan corpus. Everything downstream (retrieval, prompts, bot,
 * eval) reads these; nothing here does I/O.
 */

/** What kind of body issued a document: national ones give it a national scope. */
export type IssuerKind = 'province' | 'ministry' | 'government' | 'prime_minister' | 'national_assembly' | 'steering_committee';

/** The years a plan covers ("giai đoạn 2026 - 2030", "đến năm 2035"), both ends included. */
export interface Period {
  from: number;
  to: number;
}

/** Header fields parsed from the top of a plan. A field the text does not state is null. */
export interface DocHeader {
  /** Issuing body, e.g. "Ủy ban nhân dân tỉnh Nam Định", "Thủ tướng Chính phủ", "Bộ Xây dựng". */
  issuer: string | null;
  /** Kind of issuing body; null when the issuer is unknown. Optional: headers stored before it existed lack it. */
  issuerKind?: IssuerKind | null;
  /** 'national' for the Government, the Prime Minister, ministries and the National Assembly; 'province' for a province's bodies. */
  scope?: 'province' | 'national' | null;
  /** The years the plan covers when its title states a period, else null. */
  period?: Period | null;
  /** Document type as its title block names it: "Kế hoạch", "Quyết định", "Chỉ thị", "Công điện", "Nghị quyết", "Công văn". */
  docType?: string | null;
  /** Number/code as written, e.g. "417/KH-UBND"; null when blank in the source ("Số:   /KH-UBND"). */
  number: string | null;
  /** Signing date, ISO yyyy-mm-dd, only when day, month and year are all given. */
  date: string | null;
  /** Province name with diacritics, e.g. "Nam Định". */
  province: string | null;
  /** The year the plan is for. */
  year: number | null;
  /** Title, e.g. "Kế hoạch thực hiện Nghị quyết số 02/NQ-CP ... năm 2024". */
  title: string | null;
  /** The resolution/decision the plan implements, e.g. "Nghị quyết số 02/NQ-CP ngày 05/01/2024". */
  implements: string | null;
  /** Plan kind keyword: "nq02", "cchc", "cctthc", ... or null. */
  kind: string | null;
}

export type ClauseKind =
  | 'front' // preamble before the first numbered part, document title block
  | 'article' // "Điều 1." of a decision
  | 'part' // Roman "I."
  | 'item' // Arabic "1." and dotted "2.1.", "1.2.3."
  | 'point' // lettered "a)", "đ)"
  | 'bullet' // "-" or "+"
  | 'paragraph' // an unmarked paragraph under a heading
  | 'appendix' // "Phụ lục" heading or a group row of an appendix table ("I", "II")
  | 'row' // one appendix table row
  | 'back'; // "Nơi nhận", signature block

export interface Clause {
  /** Stable id: `${docId}#${section}` plus `~n` for the n-th (1-based) unnumbered child sharing that section. */
  id: string;
  docId: string;
  /** Contract section path: "IV.2.5.e", "Phụ lục.II.03", "Điều 3", "Phụ lục.8.5". Bullets and paragraphs carry their numbered ancestor's path. */
  section: string;
  kind: ClauseKind;
  /** The numbering marker as written ("IV.", "2.5.", "e)", "-", "Điều 3."), null when none. */
  label: string | null;
  /** Headings of the ancestors, outermost first (without their labels). */
  breadcrumb: string[];
  /** Verbatim cleaned source text of this clause alone, without its label and without its children. */
  text: string;
  parentId: string | null;
  /** Position in document order, 0-based. */
  order: number;
  depth: number;
  /** Appendix rows: column name → cell text (e.g. "Chỉ tiêu", "Đơn vị", "Cơ quan chủ trì thực hiện"). */
  columns?: Record<string, string>;
}

export interface Deadline {
  /** The deadline words as written, e.g. "trước ngày 10 tháng 12 năm 2021", "định kỳ 06 tháng". */
  text: string;
  /** ISO yyyy-mm-dd when one can be computed, else null (recurring or vague deadlines). */
  date: string | null;
}

export interface Task {
  /** Short stable code an official types, e.g. "ND24-K7Q2"; derived from `key`. */
  id: string;
  /** Stable identity: `${clauseId}` (plus `!k` when one clause holds several tasks). */
  key: string;
  docId: string;
  clauseId: string;
  section: string;
  /** Verbatim source text of the task (the clause or row text). */
  text: string;
  /** Lead agencies, names as written in the plan (tidied: spaces, bullets). */
  lead: string[];
  /** Coordinating agencies, as written. */
  coordinators: string[];
  /** Agencies that assess or follow the result (an appendix's "Cơ quan chủ trì đánh giá / theo dõi" column), as written. */
  evaluators: string[];
  /** Agencies reports go to ("gửi báo cáo về Sở Tư pháp"), as written. */
  reportTo: string[];
  /** Name as written → its canonical form in the alias table, where they differ ("Sở KH&ĐT" → "Sở Kế hoạch và Đầu tư"). */
  canonical: Record<string, string>;
  /** Name as written → today's successor, where the 2025 reorganisation renamed or merged it (else empty). */
  now: Record<string, string>;
  deadline: Deadline | null;
  /** Target values as written, e.g. "tối thiểu 80%". */
  targets: string[];
}

export interface ParsedDocument {
  id: string;
  header: DocHeader;
  clauses: Clause[];
}

export interface PlanDocument extends ParsedDocument {
  /** Source path as ingested. */
  path: string;
  /** sha256 of the raw file bytes. */
  sha256: string;
  tasks: Task[];
  /** Pages of a scanned PDF read by OCR (0 or absent: none). */
  ocrPages?: number;
}
