import type { DB } from './db.ts';
import { foldAgency, type TaskStatus, type TaskStatusCode } from './documents.ts';

/**
 * Who may do what, and the append-only record of task status updates. Every status change
 * and role change writes an audit row in the same transaction as the change itself.
 */
export type Role = 'viewer' | 'editor' | 'admin';

export interface User {
  id: number;
  name: string | null;
  role: Role;
  agencies: string[];
  createdAt: string;
}

export interface AccessRequest {
  id: number;
  userId: number;
  name: string | null;
  agency: string;
  requestedAt: string;
}

export interface StatusUpdate extends TaskStatus {
  id: number;
  taskId: string;
}

export interface UpdateInput {
  taskId: string;
  userId: number;
  status: TaskStatusCode;
  percent?: number | null;
  note?: string | null;
}

export interface FeedbackInput {
  userId: number | null;
  question: string;
  docId?: string | null;
  section?: string | null;
  answer?: string | null;
  vote: 1 | -1;
}

export interface Feedback extends Required<FeedbackInput> {
  id: number;
  at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

/** A change the actor is not allowed to make, or one that names something that does not exist. */
export class TrackingError extends Error {
  override name = 'TrackingError';
  readonly reason: 'forbidden' | 'unknown_task' | 'invalid';

  constructor(reason: TrackingError['reason'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

export const STATUS_CODES: readonly TaskStatusCode[] = ['chua_bat_dau', 'dang_thuc_hien', 'hoan_thanh', 'cham_tien_do', 'vuong_mac'];

export const STATUS_LABELS: Readonly<Record<TaskStatusCode, string>> = {
  chua_bat_dau: 'chưa bắt đầu',
  dang_thuc_hien: 'đang thực hiện',
  hoan_thanh: 'hoàn thành',
  cham_tien_do: 'chậm tiến độ',
  vuong_mac: 'vướng mắc',
};

/** Agency identity for permissions: folded, abbreviations expanded, the connective "và" dropped. */
/** The agencies of a task that may grant an editor the right to update it. */
export interface TaskAgencyNames {
  lead: readonly string[];
  coordinators: readonly string[];
  canonical?: Readonly<Record<string, string>>;
  now?: Readonly<Record<string, string>>;
}

export function agencyMatchKey(name: string): string {
  return foldAgency(name).split(' ').filter((w) => w && w !== 'va').join(' ');
}

interface UserRow { id: number; name: string | null; role: Role; created_at: string }
interface UpdateRow { id: number; task_id: string; user_id: number; status: TaskStatusCode; percent: number | null; note: string | null; created_at: string }

export class TrackingStore {
  readonly db: DB;
  private readonly now: () => string;

  constructor(db: DB, opts: { now?: () => string } = {}) {
    this.db = db;
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** Makes every configured id an administrator (ADMIN_IDS at start); already-admins are left alone. */
  ensureAdmins(ids: readonly number[]): void {
    this.db.transaction(() => {
      for (const id of ids) {
        const before = this.getUser(id);
        if (before?.role === 'admin') continue;
        this.writeRole(id, before?.name ?? null, 'admin', before?.agencies ?? []);
        this.audit(null, 'role.bootstrap', `user:${id}`, roleSnapshot(before), roleSnapshot(this.getUser(id)));
      }
    })();
  }

  getUser(id: number): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) return null;
    const agencies = (this.db.prepare('SELECT agency FROM user_agencies WHERE user_id = ? ORDER BY rowid').all(id) as { agency: string }[])
      .map((r) => r.agency);
    return { id: row.id, name: row.name, role: row.role, agencies, createdAt: row.created_at };
  }

  /** Keeps a known user's display name current, for history lines; unknown users are not created. */
  rememberName(id: number, name: string | null | undefined): void {
    const clean = name?.normalize('NFC').trim();
    if (clean) this.db.prepare('UPDATE users SET name = ? WHERE id = ? AND name IS NOT ?').run(clean, id, clean);
  }

  listUsers(role?: Role): User[] {
    const rows = (role ? this.db.prepare('SELECT id FROM users WHERE role = ? ORDER BY id').all(role) : this.db.prepare('SELECT id FROM users ORDER BY id').all()) as
      { id: number }[];
    return rows.map((r) => this.getUser(r.id)).filter((u): u is User => u !== null);
  }

  requestAccess(userId: number, name: string | null, agency: string): AccessRequest {
    const clean = agency.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!clean) throw new TrackingError('invalid', 'an access request needs an agency');
    const at = this.now();
    const info = this.db
      .prepare('INSERT INTO access_requests (user_id, name, agency, requested_at) VALUES (?, ?, ?, ?)')
      .run(userId, name, clean, at);
    return { id: Number(info.lastInsertRowid), userId, name, agency: clean, requestedAt: at };
  }

  pendingRequests(): AccessRequest[] {
    const rows = this.db.prepare('SELECT * FROM access_requests WHERE decided_at IS NULL ORDER BY id').all() as
      { id: number; user_id: number; name: string | null; agency: string; requested_at: string }[];
    return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, agency: r.agency, requestedAt: r.requested_at }));
  }

  /**
   * Sets a user's role (admins only). An editor is bound to `agencies`, or to the agencies of
   * their pending requests when none are given. Pending requests of that user are closed.
   */
  grant(actorId: number, userId: number, role: Role, agencies?: readonly string[]): { before: User | null; after: User } {
    return this.db.transaction(() => {
      if (this.getUser(actorId)?.role !== 'admin') throw new TrackingError('forbidden', 'only administrators can grant roles');
      const before = this.getUser(userId);
      const pending = this.pendingRequests().filter((r) => r.userId === userId);
      const given = (agencies ?? []).map((a) => a.normalize('NFC').replace(/\s+/g, ' ').trim()).filter(Boolean);
      const bound = given.length ? given : pending.length ? pending.map((r) => r.agency) : before?.agencies ?? [];
      if (role === 'editor' && bound.length === 0) throw new TrackingError('invalid', 'an editor must be bound to at least one agency');
      const name = before?.name ?? pending.at(-1)?.name ?? null;
      this.writeRole(userId, name, role, dedupeAgencies(bound));
      this.db
        .prepare("UPDATE access_requests SET decided_at = ?, decided_by = ?, decision = 'approved' WHERE user_id = ? AND decided_at IS NULL")
        .run(this.now(), actorId, userId);
      const after = this.getUser(userId) as User;
      this.audit(actorId, 'role.grant', `user:${userId}`, roleSnapshot(before), roleSnapshot(after));
      return { before, after };
    })();
  }

  /** Admins edit anything; an editor only tasks one of their agencies leads or coordinates. */
  /**
   * Admins edit every task; an editor edits the tasks their agency leads or coordinates, under
   * the name as written, its canonical form, or today's successor (an editor of Sở Tài chính
   * updates what a 2024 plan gave Sở Kế hoạch và Đầu tư).
   */
  canEdit(userId: number, task: TaskAgencyNames): boolean {
    const user = this.getUser(userId);
    if (!user) return false;
    if (user.role === 'admin') return true;
    if (user.role !== 'editor') return false;
    const mine = new Set(user.agencies.map(agencyMatchKey));
    const names = [...task.lead, ...task.coordinators].flatMap((a) => [a, task.canonical?.[a], task.now?.[a]]);
    return names.some((a) => a !== undefined && mine.has(agencyMatchKey(a)));
  }

  /** Appends one status update and its audit row atomically; refuses users without rights. */
  logUpdate(input: UpdateInput): { before: TaskStatus | null; after: StatusUpdate } {
    const percent = input.percent ?? null;
    if (!STATUS_CODES.includes(input.status)) throw new TrackingError('invalid', `unknown status "${input.status}"`);
    if (percent !== null && !(Number.isInteger(percent) && percent >= 0 && percent <= 100)) {
      throw new TrackingError('invalid', 'percent must be a whole number from 0 to 100');
    }
    return this.db.transaction(() => {
      const taskId = this.canonicalTaskId(input.taskId);
      if (!this.canEdit(input.userId, this.taskAgencies(taskId))) {
        throw new TrackingError('forbidden', `user ${input.userId} may not update task ${taskId}`);
      }
      const before = this.latest(taskId);
      const note = input.note?.normalize('NFC').trim() || null;
      const info = this.db
        .prepare('INSERT INTO status_updates (task_id, user_id, status, percent, note, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(taskId, input.userId, input.status, percent, note, this.now());
      const after = this.updateById(Number(info.lastInsertRowid));
      this.audit(input.userId, 'status.update', `task:${taskId}`, before, stripIds(after));
      return { before, after };
    })();
  }

  /** Every update of a task, oldest first. */
  history(taskId: string): StatusUpdate[] {
    const rows = this.db.prepare('SELECT * FROM status_updates WHERE task_id = ? COLLATE NOCASE ORDER BY id').all(taskId.trim()) as UpdateRow[];
    return rows.map(toUpdate);
  }

  latest(taskId: string): TaskStatus | null {
    const row = this.db.prepare('SELECT * FROM status_updates WHERE task_id = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1').get(taskId.trim()) as
      UpdateRow | undefined;
    return row ? stripIds(toUpdate(row)) : null;
  }

  recordFeedback(input: FeedbackInput): void {
    this.db
      .prepare('INSERT INTO feedback (at, user_id, question, doc_id, section, answer, vote) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.now(), input.userId, input.question, input.docId ?? null, input.section ?? null, input.answer ?? null, input.vote);
  }

  listFeedback(): Feedback[] {
    const rows = this.db.prepare('SELECT * FROM feedback ORDER BY id').all() as
      { id: number; at: string; user_id: number | null; question: string; doc_id: string | null; section: string | null; answer: string | null; vote: 1 | -1 }[];
    return rows.map((r) => ({
      id: r.id, at: r.at, userId: r.user_id, question: r.question, docId: r.doc_id, section: r.section, answer: r.answer, vote: r.vote,
    }));
  }

  /** Appends an audit row for a change made elsewhere (a plan uploaded or retired). */
  recordAudit(actorId: number | null, action: string, subject: string, before: unknown, after: unknown): void {
    this.audit(actorId, action, subject, before, after);
  }

  auditLog(subject?: string): AuditEntry[] {
    const rows = (subject === undefined
      ? this.db.prepare('SELECT * FROM audit_log ORDER BY id').all()
      : this.db.prepare('SELECT * FROM audit_log WHERE subject = ? ORDER BY id').all(subject)) as
      { id: number; at: string; actor_id: number | null; action: string; subject: string; before: string | null; after: string | null }[];
    return rows.map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, action: r.action, subject: r.subject,
      before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after),
    }));
  }

  private canonicalTaskId(id: string): string {
    const row = this.db.prepare('SELECT id FROM tasks WHERE id = ? COLLATE NOCASE').get(id.trim()) as { id: string } | undefined;
    if (!row) throw new TrackingError('unknown_task', `no task with code "${id}"`);
    return row.id;
  }

  private taskAgencies(taskId: string): TaskAgencyNames {
    const rows = this.db.prepare('SELECT role, agency, canonical, successor FROM task_agencies WHERE task_id = ?').all(taskId) as
      { role: string; agency: string; canonical: string; successor: string | null }[];
    const doing = rows.filter((r) => r.role === 'lead' || r.role === 'coordinator');
    return {
      lead: doing.filter((r) => r.role === 'lead').map((r) => r.agency),
      coordinators: doing.filter((r) => r.role === 'coordinator').map((r) => r.agency),
      canonical: Object.fromEntries(doing.map((r) => [r.agency, r.canonical])),
      now: Object.fromEntries(doing.flatMap((r) => (r.successor ? [[r.agency, r.successor]] : []))),
    };
  }

  private updateById(id: number): StatusUpdate {
    return toUpdate(this.db.prepare('SELECT * FROM status_updates WHERE id = ?').get(id) as UpdateRow);
  }

  private writeRole(id: number, name: string | null, role: Role, agencies: readonly string[]): void {
    this.db
      .prepare('INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET role = excluded.role, name = COALESCE(excluded.name, users.name)')
      .run(id, name, role, this.now());
    this.db.prepare('DELETE FROM user_agencies WHERE user_id = ?').run(id);
    const insert = this.db.prepare('INSERT OR IGNORE INTO user_agencies (user_id, agency) VALUES (?, ?)');
    for (const a of agencies) insert.run(id, a);
  }

  private audit(actorId: number | null, action: string, subject: string, before: unknown, after: unknown): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor_id, action, subject, before, after) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.now(), actorId, action, subject, before === null ? null : JSON.stringify(before), JSON.stringify(after));
  }
}

function toUpdate(r: UpdateRow): StatusUpdate {
  return { id: r.id, taskId: r.task_id, status: r.status, percent: r.percent, note: r.note, at: r.created_at, userId: r.user_id };
}

function stripIds(u: StatusUpdate): TaskStatus {
  return { status: u.status, percent: u.percent, note: u.note, at: u.at, userId: u.userId };
}

function roleSnapshot(u: User | null): { role: Role; agencies: string[] } | null {
  return u ? { role: u.role, agencies: u.agencies } : null;
}

/** Two spellings of one agency ("Sở KH&ĐT" typed twice, with and without accents) bind once. */
function dedupeAgencies(agencies: readonly string[]): string[] {
  const seen = new Set<string>();
  return agencies.filter((a) => {
    const k = agencyMatchKey(a);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
