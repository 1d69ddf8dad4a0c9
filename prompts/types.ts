/** The contract's answer object (shared/docs/contract.md). Add fields, never rename. */
export interface Citation {
  doc: string;
  section: string;
  title: string | null;
  province: string | null;
  year: number | null;
  text: string;
  /** Plan number, e.g. "417/KH-UBND", when known. */
  number?: string | null;
  /** Task code when the cited clause is a task. */
  taskId?: string | null;
  /** Issuing body as the header states it, e.g. "Ủy ban nhân dân tỉnh Nam Định". */
  issuer?: string | null;
  /** The province the plan's province now belongs to after the 2025 merger ("Ninh Bình" for a Nam Định plan); null when unchanged. */
  provinceNow?: string | null;
  /** True when the cited text was read by OCR from a scan. */
  ocr?: boolean;
}

export interface AnswerHit {
  doc: string;
  section: string;
  text: string;
  score: number;
  clauseId?: string;
  lanes?: Record<string, number>;
}

export interface AnswerObject {
  id?: string;
  question: string;
  answerable: boolean;
  /** Plain text, no markup. */
  answer: string;
  citations: Citation[];
  hits: AnswerHit[];
  ms: number;
  /** 'vi' or 'en': the language the answer is framed in. */
  lang?: 'vi' | 'en';
  /** Task code (Mã nhiệm vụ) of the best task, when the answer is a task. */
  taskId?: string | null;
  /** 'extractive' or 'llm'. */
  mode?: 'extractive' | 'llm';
  /** When the question named no province and several answered: the provinces answered, in the order of `citations` (null: a national plan). */
  provinces?: Array<string | null>;
}
