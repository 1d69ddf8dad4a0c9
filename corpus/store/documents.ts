import { PARSER_VERSION } from '../parse/index.ts';
import { normaliseAgency } from '../tasks/agencies.ts';
import { fold } from '../text/fold.ts';
import type { Clause, ClauseKind, DocHeader, IssuerKind, PlanDocument, Task } from '../types.ts';
import { StoreError } from '../errors.ts';
import { syncAgencyDirectory } from './agencies.ts';
import type { DB } from './db.ts';
import { asSql, type Sql } from './sql.ts';
import { SqliteSql } from './sqlite/sql.ts';

export type TaskStatusCode = 'chua_bat_dau' | 'dang_thuc_hien' | 'hoan_thanh' | 'cham_tien_do' | 'vuong_mac';

/** The latest logged status update of a task. */
export interface TaskStatus {
  status: TaskStatusCode;
  percent: number | null;
  note: string | null;
  at: string;
  userId: number;
}

export type TaskRecord = Task & { removedAt: string | null; status: TaskStatus | null };

export interface DocumentSummary extends DocHeader {
  id: string;
  path: string;
  sha256: string;
  clauseCount: number;
  /** Tasks currently in the document (removed ones not counted). */
  taskCount: number;
  ingestedAt: string;
  /** Pages read by OCR (a scanned plan): its citations say so. */
  ocrPages: number;
  /** When an administrator retired the plan, else null. */
  retiredAt: string | null;
}

export interface SaveResult {
  status: 'ingested' | 'unchanged' | 'replaced';
  /** Ids of tasks that vanished from this version of the document (kept, marked removed). */
  orphanedTasks: string[];
}

export interface TaskFilter {
  /** Diacritic-insensitive substring of any lead or coordinator name. */
  agency?: string;
  docId?: string;
  includeRemoved?: boolean;
}

export interface StoreStats {
  documents: number;
  clauses: number;
  tasks: number;
  removedTasks: number;
}

interface ClauseRow {
  id: string; doc_id: string; section: string; kind: string; label: string | null; breadcrumb: string;
  text: string; parent_id: string | null; ord: number; depth: number; columns: string | null;
}
interface TaskRow {
  id: string; key: string; doc_id: string; clause_id: string; section: string; text: string;
  deadline_text: string | null; deadline_date: string | null; targets: string; removed_at: string | null;
  s_status: TaskStatusCode | null; s_percent: number | null; s_note: string | null; s_at: string | null; s_user: number | null;
}
interface DocRow {
  id: string; path: string; sha256: string; ingested_at: string; clause_count: number; task_count: number;
  issuer: string | null; number: string | null; date: string | null; province: string | null; year: number | null;
  title: string | null; implements: string | null; kind: string | null;
  issuer_kind: IssuerKind | null; scope: 'province' | 'national' | null; period_from: number | null; period_to: number | null;
  doc_type: string | null; ocr_pages: number; retired_at: string | null;
}

const DOC_SELECT = `
  SELECT d.*, (SELECT COUNT(*) FROM clauses c WHERE c.doc_id = d.id) AS clause_count,
         (SELECT COUNT(*) FROM tasks t WHERE t.doc_id = d.id AND t.removed_at IS NULL) AS task_count
  FROM documents d`;

// Latest status update per task: status_updates is append-only, so the highest id is the newest.
const TASK_SELECT = `
  SELECT t.*, s.status AS s_status, s.percent AS s_percent, s.note AS s_note, s.created_at AS s_at, s.user_id AS s_user
  FROM tasks t
  LEFT JOIN clauses c ON c.id = t.clause_id
  LEFT JOIN status_updates s ON s.id = (SELECT MAX(id) FROM status_updates WHERE task_id = t.id)`;
const TASK_ORDER = 'ORDER BY t.doc_id, COALESCE(c.ord, 1e9), t.key';

/**
 * The store of documents, clauses and tasks (SQLite or PostgreSQL, through `Sql`). Writes are
 * one transaction per document and idempotent by content hash; tasks outlive document versions
 * so status history stays.
 */
export class PlanStore {
  readonly sql: Sql;
  private readonly now: () => string;

  constructor(db: Sql | DB, opts: { now?: () => string } = {}) {
    this.sql = asSql(db);
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** The SQLite database underneath (maintenance commands and tests of SQLite specifics). */
  get db(): DB {
    if (this.sql instanceof SqliteSql) return this.sql.db;
    throw new StoreError('the store is PostgreSQL, not a SQLite file');
  }

  /** Whether a file with this content, read by this parser version, is already stored (and not retired). */
  async isUnchanged(id: string, sha256: string): Promise<boolean> {
    const row = await this.sql.get<{ sha256: string; parser_version: number; retired_at: string | null }>(
      'SELECT sha256, parser_version, retired_at FROM documents WHERE id = ?', [id]);
    return row !== undefined && row.sha256 === sha256 && row.parser_version === PARSER_VERSION && row.retired_at === null;
  }

  /** `force` rewrites even an unchanged file, e.g. after the parser itself has improved. */
  async saveDocument(doc: PlanDocument, opts: { force?: boolean } = {}): Promise<SaveResult> {
    const prev = await this.sql.get<{ sha256: string }>('SELECT sha256 FROM documents WHERE id = ?', [doc.id]);
    // An unchanged file read by an older parser is read again: the improvement reaches it without --force.
    if ((await this.isUnchanged(doc.id, doc.sha256)) && !opts.force) return { status: 'unchanged', orphanedTasks: [] };
    assertUniqueTasks(doc);
    try {
      const orphanedTasks = await this.sql.tx((q) => this.write(q, doc));
      return { status: prev ? 'replaced' : 'ingested', orphanedTasks };
    } catch (cause) {
      throw new StoreError(`could not save ${doc.id}; the database is unchanged`, { cause });
    }
  }

  private async write(q: Sql, doc: PlanDocument): Promise<string[]> {
    const at = this.now();
    await this.upsertDocument(q, doc, at);
    await q.run('DELETE FROM clauses WHERE doc_id = ?', [doc.id]);
    const insertClause = `INSERT INTO clauses (id, doc_id, section, kind, label, breadcrumb, text, parent_id, ord, depth, columns)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    for (const c of doc.clauses) {
      await q.run(insertClause, [
        c.id, c.docId, c.section, c.kind, c.label, JSON.stringify(c.breadcrumb), c.text, c.parentId, c.order, c.depth,
        c.columns ? JSON.stringify(c.columns) : null,
      ]);
    }
    await syncAgencyDirectory(q, [{ province: doc.header.province, agencies: doc.tasks.flatMap((t) => rolesOf(t).map((r) => t.canonical[r.name] ?? r.name)) }]);
    return this.writeTasks(q, doc, at);
  }

  private async upsertDocument(q: Sql, doc: PlanDocument, at: string): Promise<void> {
    await q.run(
        `INSERT INTO documents (id, path, sha256, issuer, number, date, province, year, title, implements, kind, ingested_at,
           issuer_kind, scope, period_from, period_to, doc_type, parser_version, ocr_pages, retired_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT(id) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256, issuer = excluded.issuer,
           number = excluded.number, date = excluded.date, province = excluded.province, year = excluded.year,
           title = excluded.title, implements = excluded.implements, kind = excluded.kind, ingested_at = excluded.ingested_at,
           issuer_kind = excluded.issuer_kind, scope = excluded.scope, period_from = excluded.period_from,
           period_to = excluded.period_to, doc_type = excluded.doc_type, parser_version = excluded.parser_version,
           ocr_pages = excluded.ocr_pages, retired_at = NULL`,
      [
        doc.id, doc.path, doc.sha256, doc.header.issuer, doc.header.number, doc.header.date, doc.header.province,
        doc.header.year, doc.header.title, doc.header.implements, doc.header.kind, at,
        doc.header.issuerKind ?? null, doc.header.scope ?? null, doc.header.period?.from ?? null, doc.header.period?.to ?? null,
        doc.header.docType ?? null, PARSER_VERSION, doc.ocrPages ?? 0,
      ],
    );
  }

  /** Upserts tasks by key (a surviving task keeps its id) and marks vanished ones removed. */
  private async writeTasks(q: Sql, doc: PlanDocument, at: string): Promise<string[]> {
    const existing = await q.all<{ id: string; key: string; removed_at: string | null }>('SELECT id, key, removed_at FROM tasks WHERE doc_id = ?', [doc.id]);
    const idByKey = new Map(existing.map((r) => [r.key, r.id]));
    const upsert = `INSERT INTO tasks (id, key, doc_id, clause_id, section, text, deadline_text, deadline_date, targets, removed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT(key) DO UPDATE SET doc_id = excluded.doc_id, clause_id = excluded.clause_id, section = excluded.section,
         text = excluded.text, deadline_text = excluded.deadline_text, deadline_date = excluded.deadline_date,
         targets = excluded.targets, removed_at = NULL`;
    const insertAgency = 'INSERT INTO task_agencies (task_id, role, ord, agency, canonical, successor) VALUES (?, ?, ?, ?, ?, ?)';
    const keys = new Set<string>();
    for (const t of doc.tasks) {
      keys.add(t.key);
      const id = idByKey.get(t.key) ?? t.id;
      await q.run(upsert, [id, t.key, t.docId, t.clauseId, t.section, t.text, t.deadline?.text ?? null, t.deadline?.date ?? null, JSON.stringify(t.targets)]);
      await q.run('DELETE FROM task_agencies WHERE task_id = ?', [id]);
      for (const r of rolesOf(t)) await q.run(insertAgency, [id, r.role, r.ord, r.name, t.canonical[r.name] ?? r.name, t.now[r.name] ?? null]);
    }
    const orphaned = existing.filter((r) => !keys.has(r.key) && r.removed_at === null);
    for (const r of orphaned) await q.run('UPDATE tasks SET removed_at = ? WHERE id = ?', [at, r.id]);
    return orphaned.map((r) => r.id);
  }

  /** Plans in force (a retired plan is left out unless asked for). */
  async listDocuments(opts: { includeRetired?: boolean } = {}): Promise<DocumentSummary[]> {
    const where = opts.includeRetired ? '' : 'WHERE d.retired_at IS NULL';
    return (await this.sql.all<DocRow>(`${DOC_SELECT} ${where} ORDER BY d.id`)).map(toSummary);
  }

  /**
   * Retires a plan (an administrator's /xoavanban): it stays in the database, its tasks and
   * their status history too, marked removed; its clauses leave the search index (the caller
   * removes them there). One transaction. Returns the tasks marked removed, or null when no
   * plan in force has that id.
   */
  async retireDocument(id: string): Promise<{ tasks: string[] } | null> {
    return this.sql.tx(async (q) => {
      const at = this.now();
      const done = (await q.run('UPDATE documents SET retired_at = ? WHERE id = ? AND retired_at IS NULL', [at, id])).changes;
      if (done === 0) return null;
      const tasks = (await q.all<{ id: string }>('SELECT id FROM tasks WHERE doc_id = ? AND removed_at IS NULL ORDER BY id', [id])).map((r) => r.id);
      await q.run('UPDATE tasks SET removed_at = ? WHERE doc_id = ? AND removed_at IS NULL', [at, id]);
      return { tasks };
    });
  }

  async getDocument(id: string): Promise<DocumentSummary | null> {
    const row = await this.sql.get<DocRow>(`${DOC_SELECT} WHERE d.id = ?`, [id]);
    return row ? toSummary(row) : null;
  }

  /** Clauses in document order (documents by id). */
  async listClauses(docId?: string): Promise<Clause[]> {
    const rows = docId === undefined
      ? await this.sql.all<ClauseRow>('SELECT * FROM clauses ORDER BY doc_id, ord')
      : await this.sql.all<ClauseRow>('SELECT * FROM clauses WHERE doc_id = ? ORDER BY ord', [docId]);
    return rows.map(toClause);
  }

  /** The clauses with these ids that exist (the retriever reads its candidates here). */
  async getClauses(ids: readonly string[]): Promise<Clause[]> {
    const out: Clause[] = [];
    // SQLite's default limit on bound parameters is 999 (32766 in newer builds): chunks stay under it.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.sql.all<ClauseRow>(`SELECT * FROM clauses WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
      out.push(...rows.map(toClause));
    }
    return out;
  }

  async getClause(id: string): Promise<Clause | null> {
    const row = await this.sql.get<ClauseRow>('SELECT * FROM clauses WHERE id = ?', [id]);
    return row ? toClause(row) : null;
  }

  async listTasks(filter: TaskFilter = {}): Promise<TaskRecord[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (!filter.includeRemoved) where.push('t.removed_at IS NULL');
    if (filter.docId !== undefined) {
      where.push('t.doc_id = ?');
      params.push(filter.docId);
    }
    const sql = `${TASK_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${TASK_ORDER}`;
    const tasks = await this.toTasks(await this.sql.all<TaskRow>(sql, params));
    if (filter.agency === undefined || !filter.agency.trim()) return tasks;
    // "SKHĐT", "Sở KH&ĐT" and "Sở Kế hoạch và Đầu tư" name one agency: try the alias table's name too.
    const needles = [...new Set([foldAgency(filter.agency), foldAgency(normaliseAgency(filter.agency, null))])];
    // A task matches under the names as written, their canonical forms, and today's successors
    // ("Sở Tài chính" also finds the tasks a 2024 plan gave "Sở Kế hoạch và Đầu tư").
    return tasks.filter((t) =>
      [...t.lead, ...t.coordinators].some((a) =>
        [a, t.canonical[a], t.now[a]].some((name) => name !== undefined && needles.some((n) => agencyMatches(foldAgency(name), n))),
      ),
    );
  }

  /** A task by its short code, case-insensitively ("nd24-k7q2" finds "ND24-K7Q2"); removed ones too. */
  async getTask(id: string): Promise<TaskRecord | null> {
    const row = await this.sql.get<TaskRow>(`${TASK_SELECT} WHERE upper(t.id) = upper(?)`, [id.trim()]);
    return row ? (await this.toTasks([row]))[0]! : null;
  }

  async stats(): Promise<StoreStats> {
    const count = async (sql: string) => (await this.sql.get<{ n: number }>(sql))!.n;
    return {
      documents: await count('SELECT COUNT(*) AS n FROM documents'),
      clauses: await count('SELECT COUNT(*) AS n FROM clauses'),
      tasks: await count('SELECT COUNT(*) AS n FROM tasks WHERE removed_at IS NULL'),
      removedTasks: await count('SELECT COUNT(*) AS n FROM tasks WHERE removed_at IS NOT NULL'),
    };
  }

  /** Task rows with their agencies, read in one query per 500 tasks. */
  private async toTasks(rows: readonly TaskRow[]): Promise<TaskRecord[]> {
    const byTask = new Map<string, AgencyRow[]>();
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id);
      const agencies = await this.sql.all<AgencyRow & { task_id: string }>(
        `SELECT task_id, role, agency, canonical, successor FROM task_agencies WHERE task_id IN (${ids.map(() => '?').join(',')}) ORDER BY task_id, role, ord`, ids);
      for (const a of agencies) {
        const list = byTask.get(a.task_id) ?? [];
        list.push(a);
        byTask.set(a.task_id, list);
      }
    }
    return rows.map((r) => toTask(r, byTask.get(r.id) ?? []));
  }
}

interface AgencyRow { role: AgencyRole; agency: string; canonical: string; successor: string | null }

function toTask(r: TaskRow, agencies: readonly AgencyRow[]): TaskRecord {
  const named = (role: AgencyRole) => agencies.filter((a) => a.role === role).map((a) => a.agency);
  return {
    id: r.id,
    key: r.key,
    docId: r.doc_id,
    clauseId: r.clause_id,
    section: r.section,
    text: r.text,
    lead: named('lead'),
    coordinators: named('coordinator'),
    evaluators: named('evaluator'),
    reportTo: named('report_to'),
    canonical: Object.fromEntries(agencies.filter((a) => a.canonical !== a.agency).map((a) => [a.agency, a.canonical])),
    now: Object.fromEntries(agencies.flatMap((a) => (a.successor === null ? [] : [[a.agency, a.successor]]))),
    deadline: r.deadline_text === null ? null : { text: r.deadline_text, date: r.deadline_date },
    targets: JSON.parse(r.targets) as string[],
    removedAt: r.removed_at,
    status: r.s_status === null
      ? null
      : { status: r.s_status, percent: r.s_percent, note: r.s_note, at: r.s_at ?? '', userId: r.s_user ?? 0 },
  };
}

/** Two tasks sharing a key or a code would silently merge their status histories: refuse them. */
function assertUniqueTasks(doc: PlanDocument): void {
  for (const field of ['key', 'id'] as const) {
    const seen = new Set<string>();
    for (const t of doc.tasks) {
      const v = field === 'id' ? t.id.toUpperCase() : t.key;
      if (seen.has(v)) throw new StoreError(`could not save ${doc.id}: two tasks share the ${field} "${v}"`);
      seen.add(v);
    }
  }
}

/** The four roles an agency may hold in a task, as stored. */
type AgencyRole = 'lead' | 'coordinator' | 'evaluator' | 'report_to';

function rolesOf(t: Task): Array<{ role: AgencyRole; ord: number; name: string }> {
  const list = (role: AgencyRole, names: readonly string[]) => names.map((name, ord) => ({ role, ord, name }));
  return [...list('lead', t.lead), ...list('coordinator', t.coordinators), ...list('evaluator', t.evaluators ?? []), ...list('report_to', t.reportTo ?? [])];
}

function toSummary(r: DocRow): DocumentSummary {
  return {
    id: r.id, path: r.path, sha256: r.sha256, issuer: r.issuer, number: r.number, date: r.date, province: r.province,
    year: r.year, title: r.title, implements: r.implements, kind: r.kind,
    issuerKind: r.issuer_kind, scope: r.scope, docType: r.doc_type,
    period: r.period_from !== null && r.period_to !== null ? { from: r.period_from, to: r.period_to } : null,
    clauseCount: r.clause_count, taskCount: r.task_count, ingestedAt: r.ingested_at,
    ocrPages: r.ocr_pages, retiredAt: r.retired_at,
  };
}

function toClause(r: ClauseRow): Clause {
  const clause: Clause = {
    id: r.id, docId: r.doc_id, section: r.section, kind: r.kind as ClauseKind, label: r.label,
    breadcrumb: JSON.parse(r.breadcrumb) as string[], text: r.text, parentId: r.parent_id, order: r.ord, depth: r.depth,
  };
  if (r.columns !== null) clause.columns = JSON.parse(r.columns) as Record<string, string>;
  return clause;
}

/**
 * A folded query names a folded agency when it is a substring ("tai chinh") or when its words
 * occur in the agency's name in order ("ubnd huyen" names "UBND các huyện, thành phố").
 */
export function agencyMatches(agency: string, query: string): boolean {
  if (agency.includes(query)) return true;
  const words = agency.split(' ');
  let at = 0;
  for (const q of query.split(' ')) {
    at = words.indexOf(q, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

// Abbreviations officials type for agencies, expanded so "UBND huyện" finds "Ủy ban nhân dân huyện".
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bvp\b/g, 'van phong'],
];

/** Lowercase, without diacritics ("đ" → "d", "Uỷ"/"Ủy" alike), abbreviations expanded, spaces collapsed. */
export function foldAgency(name: string): string {
  let s = fold(name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  for (const [re, full] of ABBREVIATIONS) s = s.replace(re, full);
  return s;
}
