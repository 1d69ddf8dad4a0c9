import type { DB } from './db.ts';
import { asSql, type Sql } from './sql.ts';
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
  readonly sql: Sql;
  private readonly now: () => string;

  constructor(db: Sql | DB, opts: { now?: () => string } = {}) {
    this.sql = asSql(db);
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** Makes every configured id an administrator (ADMIN_IDS at start); already-admins are left alone. */
  async ensureAdmins(ids: readonly number[]): Promise<void> {
    await this.sql.tx(async (q) => {
      for (const id of ids) {
        const before = await userOf(q, id);
        if (before?.role === 'admin') continue;
        await this.writeRole(q, id, before?.name ?? null, 'admin', before?.agencies ?? []);
        await this.audit(q, null, 'role.bootstrap', `user:${id}`, roleSnapshot(before), roleSnapshot(await userOf(q, id)));
      }
    });
  }

  getUser(id: number): Promise<User | null> {
    return userOf(this.sql, id);
  }

  /** Keeps a known user's display name current, for history lines; unknown users are not created. */
  async rememberName(id: number, name: string | null | undefined): Promise<void> {
    const clean = name?.normalize('NFC').trim();
    if (clean) await this.sql.run('UPDATE users SET name = ? WHERE id = ? AND name IS DISTINCT FROM ?', [clean, id, clean]);
  }

  async listUsers(role?: Role): Promise<User[]> {
    const rows = role
      ? await this.sql.all<UserRow>('SELECT * FROM users WHERE role = ? ORDER BY id', [role])
      : await this.sql.all<UserRow>('SELECT * FROM users ORDER BY id');
    const agencies = new Map<number, string[]>();
    for (const r of await this.sql.all<{ user_id: number; agency: string }>('SELECT user_id, agency FROM user_agencies ORDER BY user_id, ord, agency')) {
      agencies.set(r.user_id, [...(agencies.get(r.user_id) ?? []), r.agency]);
    }
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, agencies: agencies.get(r.id) ?? [], createdAt: r.created_at }));
  }

  async requestAccess(userId: number, name: string | null, agency: string): Promise<AccessRequest> {
    const clean = agency.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!clean) throw new TrackingError('invalid', 'an access request needs an agency');
    const at = this.now();
    const row = await this.sql.get<{ id: number }>(
      'INSERT INTO access_requests (user_id, name, agency, requested_at) VALUES (?, ?, ?, ?) RETURNING id', [userId, name, clean, at]);
    return { id: row!.id, userId, name, agency: clean, requestedAt: at };
  }

  pendingRequests(): Promise<AccessRequest[]> {
    return pendingOf(this.sql);
  }

  /**
   * Sets a user's role (admins only). An editor is bound to `agencies`, or to the agencies of
   * their pending requests when none are given. Pending requests of that user are closed.
   */
  async grant(actorId: number, userId: number, role: Role, agencies?: readonly string[]): Promise<{ before: User | null; after: User }> {
    return this.sql.tx(async (q) => {
      if ((await userOf(q, actorId))?.role !== 'admin') throw new TrackingError('forbidden', 'only administrators can grant roles');
      const before = await userOf(q, userId);
      const pending = (await pendingOf(q)).filter((r) => r.userId === userId);
      const given = (agencies ?? []).map((a) => a.normalize('NFC').replace(/\s+/g, ' ').trim()).filter(Boolean);
      const bound = given.length ? given : pending.length ? pending.map((r) => r.agency) : before?.agencies ?? [];
      if (role === 'editor' && bound.length === 0) throw new TrackingError('invalid', 'an editor must be bound to at least one agency');
      const name = before?.name ?? pending.at(-1)?.name ?? null;
      await this.writeRole(q, userId, name, role, dedupeAgencies(bound));
      await q.run("UPDATE access_requests SET decided_at = ?, decided_by = ?, decision = 'approved' WHERE user_id = ? AND decided_at IS NULL", [this.now(), actorId, userId]);
      const after = (await userOf(q, userId)) as User;
      await this.audit(q, actorId, 'role.grant', `user:${userId}`, roleSnapshot(before), roleSnapshot(after));
      return { before, after };
    });
  }

  /**
   * Admins edit every task; an editor edits the tasks their agency leads or coordinates, under
   * the name as written, its canonical form, or today's successor (an editor of Sở Tài chính
   * updates what a 2024 plan gave Sở Kế hoạch và Đầu tư).
   */
  async canEdit(userId: number, task: TaskAgencyNames): Promise<boolean> {
    return mayEdit(await this.getUser(userId), task);
  }

  /** Appends one status update and its audit row atomically; refuses users without rights. */
  async logUpdate(input: UpdateInput): Promise<{ before: TaskStatus | null; after: StatusUpdate }> {
    const percent = input.percent ?? null;
    if (!STATUS_CODES.includes(input.status)) throw new TrackingError('invalid', `unknown status "${input.status}"`);
    if (percent !== null && !(Number.isInteger(percent) && percent >= 0 && percent <= 100)) {
      throw new TrackingError('invalid', 'percent must be a whole number from 0 to 100');
    }
    return this.sql.tx(async (q) => {
      const taskId = await canonicalTaskId(q, input.taskId);
      if (!mayEdit(await userOf(q, input.userId), await taskAgencies(q, taskId))) {
        throw new TrackingError('forbidden', `user ${input.userId} may not update task ${taskId}`);
      }
      const before = await latestOf(q, taskId);
      const note = input.note?.normalize('NFC').trim() || null;
      const row = await q.get<UpdateRow>(
        'INSERT INTO status_updates (task_id, user_id, status, percent, note, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
        [taskId, input.userId, input.status, percent, note, this.now()]);
      const after = toUpdate(row!);
      await this.audit(q, input.userId, 'status.update', `task:${taskId}`, before, stripIds(after));
      return { before, after };
    });
  }

  /** Every update of a task, oldest first. */
  async history(taskId: string): Promise<StatusUpdate[]> {
    const rows = await this.sql.all<UpdateRow>('SELECT * FROM status_updates WHERE upper(task_id) = upper(?) ORDER BY id', [taskId.trim()]);
    return rows.map(toUpdate);
  }

  latest(taskId: string): Promise<TaskStatus | null> {
    return latestOf(this.sql, taskId);
  }

  async recordFeedback(input: FeedbackInput): Promise<void> {
    await this.sql.run('INSERT INTO feedback (at, user_id, question, doc_id, section, answer, vote) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [this.now(), input.userId, input.question, input.docId ?? null, input.section ?? null, input.answer ?? null, input.vote]);
  }

  async listFeedback(): Promise<Feedback[]> {
    const rows = await this.sql.all<{ id: number; at: string; user_id: number | null; question: string; doc_id: string | null; section: string | null; answer: string | null; vote: 1 | -1 }>(
      'SELECT * FROM feedback ORDER BY id');
    return rows.map((r) => ({
      id: r.id, at: r.at, userId: r.user_id, question: r.question, docId: r.doc_id, section: r.section, answer: r.answer, vote: r.vote,
    }));
  }

  /** Appends an audit row for a change made elsewhere (a plan uploaded or retired). */
  async recordAudit(actorId: number | null, action: string, subject: string, before: unknown, after: unknown): Promise<void> {
    await this.audit(this.sql, actorId, action, subject, before, after);
  }

  async auditLog(subject?: string): Promise<AuditEntry[]> {
    const rows = await (subject === undefined
      ? this.sql.all<AuditRow>('SELECT * FROM audit_log ORDER BY id')
      : this.sql.all<AuditRow>('SELECT * FROM audit_log WHERE subject = ? ORDER BY id', [subject]));
    return rows.map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, action: r.action, subject: r.subject,
      before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after),
    }));
  }

  private async writeRole(q: Sql, id: number, name: string | null, role: Role, agencies: readonly string[]): Promise<void> {
    await q.run(
      'INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET role = excluded.role, name = COALESCE(excluded.name, users.name)',
      [id, name, role, this.now()]);
    await q.run('DELETE FROM user_agencies WHERE user_id = ?', [id]);
    let ord = 0;
    for (const a of agencies) await q.run('INSERT INTO user_agencies (user_id, agency, ord) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [id, a, ord++]);
  }

  private async audit(q: Sql, actorId: number | null, action: string, subject: string, before: unknown, after: unknown): Promise<void> {
    await q.run('INSERT INTO audit_log (at, actor_id, action, subject, before, after) VALUES (?, ?, ?, ?, ?, ?)',
      [this.now(), actorId, action, subject, before === null ? null : JSON.stringify(before), JSON.stringify(after)]);
  }
}

interface AuditRow { id: number; at: string; actor_id: number | null; action: string; subject: string; before: string | null; after: string | null }

async function userOf(q: Sql, id: number): Promise<User | null> {
  const row = await q.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
  if (!row) return null;
  const agencies = (await q.all<{ agency: string }>('SELECT agency FROM user_agencies WHERE user_id = ? ORDER BY ord, agency', [id])).map((r) => r.agency);
  return { id: row.id, name: row.name, role: row.role, agencies, createdAt: row.created_at };
}

async function pendingOf(q: Sql): Promise<AccessRequest[]> {
  const rows = await q.all<{ id: number; user_id: number; name: string | null; agency: string; requested_at: string }>(
    'SELECT * FROM access_requests WHERE decided_at IS NULL ORDER BY id');
  return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, agency: r.agency, requestedAt: r.requested_at }));
}

/** Admins edit anything; an editor only tasks one of their agencies leads or coordinates. */
function mayEdit(user: User | null, task: TaskAgencyNames): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'editor') return false;
  const mine = new Set(user.agencies.map(agencyMatchKey));
  const names = [...task.lead, ...task.coordinators].flatMap((a) => [a, task.canonical?.[a], task.now?.[a]]);
  return names.some((a) => a !== undefined && mine.has(agencyMatchKey(a)));
}

async function latestOf(q: Sql, taskId: string): Promise<TaskStatus | null> {
  const row = await q.get<UpdateRow>('SELECT * FROM status_updates WHERE upper(task_id) = upper(?) ORDER BY id DESC LIMIT 1', [taskId.trim()]);
  return row ? stripIds(toUpdate(row)) : null;
}

async function canonicalTaskId(q: Sql, id: string): Promise<string> {
  const row = await q.get<{ id: string }>('SELECT id FROM tasks WHERE upper(id) = upper(?)', [id.trim()]);
  if (!row) throw new TrackingError('unknown_task', `no task with code "${id}"`);
  return row.id;
}

async function taskAgencies(q: Sql, taskId: string): Promise<TaskAgencyNames> {
  const rows = await q.all<{ role: string; agency: string; canonical: string; successor: string | null }>(
    'SELECT role, agency, canonical, successor FROM task_agencies WHERE task_id = ? ORDER BY role, ord', [taskId]);
  const doing = rows.filter((r) => r.role === 'lead' || r.role === 'coordinator');
  return {
    lead: doing.filter((r) => r.role === 'lead').map((r) => r.agency),
    coordinators: doing.filter((r) => r.role === 'coordinator').map((r) => r.agency),
    canonical: Object.fromEntries(doing.map((r) => [r.agency, r.canonical])),
    now: Object.fromEntries(doing.flatMap((r) => (r.successor ? [[r.agency, r.successor]] : []))),
  };
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
