import type { TaskRecord } from '../../corpus/store/documents.ts';
import { STATUS_CODES, type TrackingStore } from '../../corpus/store/tracking.ts';
import { canonicalPlace, currentUnit, placeByName } from '../../corpus/places.ts';
import type { PlanReader } from '../core/types.ts';
import { isOverdue, selectProvince, vnToday } from '../report/summary.ts';
import { toTaskJson, type TaskJson } from '../report/task-json.ts';

/**
 * What the dashboard's data API answers, as pure functions over the stores. Who sees what:
 * approved users (viewer, editor, admin) see everything; with PUBLIC_QA=true anyone Telegram
 * vouches for sees the plans and statuses, but not the notes or who wrote them.
 */
export type DashboardRole = 'admin' | 'editor' | 'viewer' | 'public';

export interface Viewer {
  id: number;
  name: string;
  role: DashboardRole;
  agencies: string[];
}

export interface ApiDeps {
  plans: PlanReader;
  tracking: TrackingStore;
  publicQa: boolean;
  adminIds: readonly number[];
  now: () => Date;
}

/** The viewer a verified Telegram user is, or null when PUBLIC_QA=false and they were never approved. */
export async function viewerOf(deps: ApiDeps, id: number, name: string): Promise<Viewer | null> {
  const user = await deps.tracking.getUser(id);
  if (deps.adminIds.includes(id)) return { id, name: user?.name ?? name, role: 'admin', agencies: user?.agencies ?? [] };
  if (user) return { id, name: user.name ?? name, role: user.role, agencies: user.agencies };
  return deps.publicQa ? { id, name, role: 'public', agencies: [] } : null;
}

export class BadQuery extends Error {
  override name = 'BadQuery';
}

/** `status`: a status code, or "chua_cap_nhat" (never updated), or "qua_han" (overdue). */
export const STATUS_FILTERS = [...STATUS_CODES, 'chua_cap_nhat', 'qua_han'] as const;

export interface TaskQuery {
  province?: string | null;
  doc?: string | null;
  agency?: string | null;
  status?: string | null;
}

function privateFieldsOff(t: TaskJson, viewer: Viewer): TaskJson {
  if (viewer.role !== 'public' || !t.status) return t;
  return { ...t, status: { ...t.status, note: null, userId: 0 } };
}

/** The objects of `tasks --json` the viewer may see, filtered as the query says. */
export async function queryTasks(deps: ApiDeps, viewer: Viewer, q: TaskQuery): Promise<TaskJson[]> {
  const status = q.status?.trim() || null;
  if (status && !(STATUS_FILTERS as readonly string[]).includes(status)) throw new BadQuery(`status must be one of ${STATUS_FILTERS.join(', ')}`);
  let docs = await deps.plans.listDocuments();
  if (q.province?.trim()) docs = selectProvince(docs, q.province.trim());
  if (q.doc?.trim()) docs = docs.filter((d) => d.id === q.doc!.trim());
  const ids = new Set(docs.map((d) => d.id));
  const today = vnToday(deps.now());
  const keep = (t: TaskRecord) => {
    if (!ids.has(t.docId)) return false;
    if (!status) return true;
    if (status === 'chua_cap_nhat') return t.status === null;
    if (status === 'qua_han') return isOverdue(t, today);
    return t.status?.status === status;
  };
  const agency = q.agency?.trim();
  return (await deps.plans.listTasks(agency ? { agency } : {})).filter(keep).map((t) => privateFieldsOff(toTaskJson(t), viewer));
}

export interface PlanJson {
  id: string;
  title: string | null;
  number: string | null;
  province: string | null;
  /** The province in force today that the plan's province belongs to (after the 2025 mergers). */
  provinceNow: string | null;
  year: number | null;
  tasks: number;
  ocr: boolean;
}

export async function listPlans(deps: ApiDeps): Promise<PlanJson[]> {
  return (await deps.plans.listDocuments()).map((d) => {
    const place = d.province ? placeByName(d.province) : null;
    return {
      id: d.id, title: d.title, number: d.number, province: d.province ? canonicalPlace(d.province) : null,
      provinceNow: place ? currentUnit(place).name : null, year: d.year, tasks: d.taskCount, ocr: d.ocrPages > 0,
    };
  });
}

export interface TaskPage {
  task: TaskJson;
  plan: PlanJson | null;
  clause: { section: string; label: string | null; breadcrumb: string[]; text: string; parent: string | null } | null;
  history: Array<{ status: string; percent: number | null; note: string | null; at: string; by: string | null }>;
  overdue: boolean;
}

/** A task's page: its plan, the clause it comes from, and its full history. */
export async function taskPage(deps: ApiDeps, viewer: Viewer, id: string): Promise<TaskPage | null> {
  const t = await deps.plans.getTask(id);
  if (!t) return null;
  const clause = (await deps.plans.getClause(t.clauseId)) ?? null;
  const parent = clause?.parentId ? (await deps.plans.getClause(clause.parentId)) ?? null : null;
  const names = new Map((await deps.tracking.listUsers()).map((u) => [u.id, u.name]));
  const shown = viewer.role !== 'public';
  return {
    task: privateFieldsOff(toTaskJson(t), viewer),
    plan: (await listPlans(deps)).find((p) => p.id === t.docId) ?? null,
    clause: clause
      ? { section: clause.section, label: clause.label, breadcrumb: clause.breadcrumb, text: clause.text, parent: parent ? [parent.label, parent.text].filter(Boolean).join(' ') : null }
      : null,
    history: (await deps.tracking.history(t.id)).map((u) => ({
      status: u.status, percent: u.percent, at: u.at,
      note: shown ? u.note : null,
      by: shown ? names.get(u.userId) ?? `người dùng ${u.userId}` : null,
    })),
    overdue: isOverdue(t, vnToday(deps.now())),
  };
}
