import type { User } from '../../corpus/store/tracking.ts';
import type { AnswerObject } from '../../prompts/types.ts';
import { splitHtml } from './html.ts';
import type { SessionStore } from '../../corpus/store/session.ts';
import { Memo, StoredMemo, type MemoStore } from './memo.ts';
import type { Button, ChatUser, CoreDeps, Reply } from './types.ts';

/** What every command handler receives: the services, the sender, and button memory. */
export interface HandlerContext {
  deps: CoreDeps;
  user: ChatUser;
  memos: Memos;
  startedAt: Date;
  /** Where the message came from (button presses and files: private). */
  chatType?: 'private' | 'group';
}

export interface AnswerMemo {
  userId: number;
  answer: AnswerObject;
}

export interface TaskListMemo {
  agencies: string[];
}

/** A /capnhat whose status word was not understood, waiting for the user's choice. */
export interface StatusChoiceMemo {
  taskId: string;
  /** What followed the status word: a percent and a note. */
  rest: string;
}

export interface Memos {
  answers: MemoStore<AnswerMemo>;
  taskLists: MemoStore<TaskListMemo>;
  statusChoices: MemoStore<StatusChoiceMemo>;
}

/** In the store when there is one (every replica answers every button), else in this process's memory. */
export function createMemos(session?: SessionStore): Memos {
  if (session) {
    return { answers: new StoredMemo(session, 'answer'), taskLists: new StoredMemo(session, 'tasks'), statusChoices: new StoredMemo(session, 'status') };
  }
  return { answers: new Memo<AnswerMemo>(1000), taskLists: new Memo<TaskListMemo>(500), statusChoices: new Memo<StatusChoiceMemo>(500) };
}

/** HTML split into messages under Telegram's limit; buttons go under the last one. */
export function text(html: string, buttons?: Button[][]): Reply[] {
  const parts = splitHtml(html);
  return parts.map((part, i) => (i === parts.length - 1 && buttons?.length ? { kind: 'text', html: part, buttons } : { kind: 'text', html: part }));
}

export function now(ctx: HandlerContext): Date {
  return ctx.deps.now?.() ?? new Date();
}

export function isAdmin(ctx: HandlerContext, user: User | null): boolean {
  return user?.role === 'admin' || ctx.deps.options.adminIds.includes(ctx.user.id);
}

/** PUBLIC_QA=false: only users an administrator approved (any role) may read the plans. */
export async function mayRead(ctx: HandlerContext): Promise<boolean> {
  return ctx.deps.options.publicQa || ctx.deps.options.adminIds.includes(ctx.user.id) || (await ctx.deps.tracking.getUser(ctx.user.id)) !== null;
}

export const NOT_APPROVED = text(
  'Trợ lý này chỉ phục vụ người dùng đã được duyệt. Gửi <code>/dangky &lt;tên cơ quan&gt;</code> để đề nghị quản trị viên cấp quyền.',
);
