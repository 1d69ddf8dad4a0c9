import type { Clause } from '../../corpus/types.ts';
import type { DocumentSummary, StoreStats, TaskFilter, TaskRecord } from '../../corpus/store/documents.ts';
import type { ReminderStore } from '../../corpus/store/reminders.ts';
import type { TrackingStore } from '../../corpus/store/tracking.ts';
import type { SessionStore } from '../../corpus/store/session.ts';
import type { AnswerObject } from '../../prompts/types.ts';
import type { PlanLibrary } from '../library.ts';
import type { Logger } from '../logger.ts';

/**
 * The transport-independent chat: Telegram and the terminal both turn what arrives into an
 * `Incoming`, call the core, and deliver the `Reply` list it returns.
 */
export interface ChatUser {
  id: number;
  /** Display name as the transport knows it, e.g. "Nguyễn Văn A". */
  name?: string;
}

export interface Incoming {
  text: string;
  chatType: 'private' | 'group';
  /** True when a group message mentions the bot or replies to it (private chats: ignored). */
  mentioned?: boolean;
  /** The bot's @username, to ignore commands addressed to another bot ("/hoi@other_bot"). */
  botUsername?: string;
}

/** A button under a message: a callback (data at most 64 bytes, Telegram's limit), or one that opens the dashboard Mini App. */
export type Button = CallbackButton | { text: string; webApp: string };
export interface CallbackButton {
  text: string;
  data: string;
}

export const isCallbackButton = (b: Button): b is CallbackButton => 'data' in b;

export type Reply =
  | {
      kind: 'text';
      /** Telegram HTML: every user and document string already escaped, under 4,096 characters. */
      html: string;
      buttons?: Button[][];
      /** Send to this user's private chat instead of the current chat (admin notifications). */
      to?: number;
    }
  | { kind: 'document'; filename: string; content: Buffer; caption?: string }
  /** An image (a PNG chart) shown in the chat. */
  | { kind: 'photo'; filename: string; content: Buffer; caption?: string };

/** What a button press returns: replies plus an optional short toast. */
export interface CallbackResult {
  replies: Reply[];
  toast?: string;
}

/** The question-answering service the lead assembles in bot/app.ts. */
export interface Assistant {
  ask(question: string, opts?: { id?: string }): Promise<AnswerObject>;
  status(): { denseAvailable: boolean; modelId: string | null; llm?: boolean };
}

/** The read side of the plan store the chat needs (PlanStore satisfies it). */
export interface PlanReader {
  listDocuments(): Promise<DocumentSummary[]>;
  getClause(id: string): Promise<Clause | null | undefined>;
  listClauses(docId?: string): Promise<Clause[]>;
  listTasks(filter?: TaskFilter): Promise<TaskRecord[]>;
  getTask(id: string): Promise<TaskRecord | null | undefined>;
  stats(): Promise<StoreStats>;
}

/** A file a user sent (a plan to add): its name and size as announced, and how to download it. */
export interface IncomingFile {
  name: string;
  size?: number | undefined;
  fetch(): Promise<Buffer>;
}

export interface CoreOptions {
  /** Who may add plans by sending a file: administrators, or editors too. Default admin. */
  uploadRole?: 'admin' | 'editor';
  publicQa: boolean;
  rateLimitPerMinute: number;
  /** Administrators from ADMIN_IDS; notified of access requests with those in the database. */
  adminIds: readonly number[];
  /** The reminder rules in force, as /nhacnho explains them; unset when the scheduler is off. */
  reminders?: { remindDays: number; staleDays: number; digestWeekday: number; digestHour: number };
  /** Where the store lives, as /trangthai tells administrators. */
  storeKind?: 'SQLite' | 'PostgreSQL';
  /** The dashboard's public https address (DASHBOARD_URL), opened by /dashboard. */
  dashboardUrl?: string;
}

export interface CoreDeps {
  /** Adding and retiring plans from the chat; without it, files are politely refused. */
  library?: PlanLibrary;
  /** Told of work that outlives a reply (an upload being ingested), so shutdown and tests can wait for it. */
  onBackground?: (job: Promise<unknown>) => void;
  plans: PlanReader;
  tracking: TrackingStore;
  /** Button memory and rate limits in the store, shared by replicas; without it they stay in memory. */
  session?: SessionStore;
  assistant: Assistant;
  options: CoreOptions;
  logger: Logger;
  /** Who turned reminders off (/nhacnho); without it, /nhacnho says reminders are not running. */
  reminders?: ReminderStore;
  /** Injected clock for tests. */
  now?: () => Date;
}
