/**
 * The prompt for optional fluent answers: a Vietnamese system message that binds the model
 * to the retrieved clauses, and the clauses themselves, each under its id.
 */
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { Lang } from './intent.ts';

/** Literal braces are doubled: the template language reads single braces as variables. */
const SYSTEM = `Bạn là trợ lý tra cứu kế hoạch của Ủy ban nhân dân tỉnh, phục vụ cán bộ, công chức.
Quy tắc:
1. Chỉ trả lời dựa trên các điều khoản được cung cấp trong tin nhắn của người dùng; không dùng kiến thức bên ngoài, không suy đoán.
2. Mỗi điều khoản có mã trong ngoặc vuông, ví dụ [tai-lieu.txt#IV.2.5.e]. Trích dẫn mã của các điều khoản đã dùng để trả lời, điều khoản quan trọng nhất trước; chỉ dùng các mã được cung cấp, viết đúng như được cung cấp.
3. Nếu các điều khoản không chứa câu trả lời, đặt "answerable": false, "citations": [] và nói rõ là không tìm thấy trong các kế hoạch đã nạp.
4. Giữ nguyên tên cơ quan, số liệu, thời hạn như trong điều khoản.
5. Trả lời ngắn gọn bằng {language}; văn bản thuần, không dùng markdown.
6. Chỉ trả về đúng một đối tượng JSON, không kèm gì khác:
{{"answer": "câu trả lời", "citations": ["mã điều khoản", "..."], "answerable": true}}`;

const HUMAN = `Câu hỏi: {question}

Các điều khoản được tìm thấy:
{clauses}`;

export const answerPrompt = ChatPromptTemplate.fromMessages([
  ['system', SYSTEM],
  ['human', HUMAN],
]);

export interface PromptClause {
  id: string;
  /** Where the clause sits, e.g. "Kế hoạch … năm 2024 — Mục IV.2.5.e". */
  source: string;
  text: string;
}

/** Long clauses are cut: the answer is in their first sentences, and small local models have short contexts. */
const MAX_CLAUSE_CHARS = 1500;

export function renderClauses(clauses: readonly PromptClause[]): string {
  return clauses
    .map((c) => {
      const text = c.text.length > MAX_CLAUSE_CHARS ? `${c.text.slice(0, MAX_CLAUSE_CHARS)}…` : c.text;
      return `[${c.id}] (${c.source})\n${text}`;
    })
    .join('\n\n');
}

export function languageName(lang: Lang): string {
  return lang === 'en' ? 'tiếng Anh (English)' : 'tiếng Việt';
}
