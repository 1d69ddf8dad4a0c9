import { StoreError } from '../errors.ts';
import { normaliseAgency } from '../tasks/agencies.ts';
import {
  ANY_PROVINCE,
  globalAliases,
  provinceAliases,
  taskAgencyAliases,
  type DirectoryAlias,
} from '../tasks/directory.ts';
import { agencyKey } from '../tasks/fold.ts';
import type { DB } from './db.ts';
import { asSql, type Sql } from './sql.ts';

/**
 * The agency directory tables (agencies, agency_aliases): the alias table's canonical agencies
 * for any province, the province-specific ones of each ingested province, and every agency the
 * stored tasks name. Rows are only added; ON CONFLICT DO NOTHING makes a re-run change nothing.
 */

export interface DirectoryDoc {
  province: string | null;
  /** Agency names the document's tasks give as lead or coordinator. */
  agencies: string[];
}

export interface SyncResult {
  agenciesAdded: number;
  aliasesAdded: number;
}

function rowsFor(docs: DirectoryDoc[]): DirectoryAlias[] {
  const rows = globalAliases();
  const provinces = new Set(docs.map((d) => d.province).filter((p): p is string => Boolean(p)));
  for (const p of provinces) rows.push(...provinceAliases(p));
  for (const d of docs) rows.push(...taskAgencyAliases(d.province, d.agencies));
  return rows;
}

/** Fills the directory in one transaction (a savepoint inside PlanStore.saveDocument's). */
export async function syncAgencyDirectory(db: Sql | DB, docs: DirectoryDoc[]): Promise<SyncResult> {
  const sql = asSql(db);
  try {
    return await sql.tx(async (q) => {
      const result: SyncResult = { agenciesAdded: 0, aliasesAdded: 0 };
      const ids = new Map<string, number>();
      for (const row of rowsFor(docs)) {
        const { name, province } = row.agency;
        const cacheKey = `${province}\u0000${name}`;
        let id = ids.get(cacheKey);
        if (id === undefined) {
          result.agenciesAdded += (await q.run('INSERT INTO agencies (name, province) VALUES (?, ?) ON CONFLICT DO NOTHING', [name, province])).changes;
          id = (await q.get<{ id: number }>('SELECT id FROM agencies WHERE name = ? AND province = ?', [name, province]))!.id;
          ids.set(cacheKey, id);
        }
        // The first row for an (alias, province) wins: the alias table before names seen only in tasks.
        if (row.alias) {
          result.aliasesAdded += (await q.run('INSERT INTO agency_aliases (alias, province, agency_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [row.alias, row.province, id])).changes;
        }
      }
      return result;
    });
  } catch (cause) {
    throw new StoreError('could not update the agency directory; it is unchanged', { cause });
  }
}

const LOOKUP = `
  SELECT a.name FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id
  WHERE al.alias = ? AND al.province IN (?, '')
  ORDER BY al.province = '' LIMIT 1`;

/**
 * The canonical name of the agency a text names ("SKHĐT", "So ke hoach dau tu"), read through
 * the directory: the province's own alias first, then one valid anywhere. Names the alias table
 * can only resolve with a place ("Cục Thuế tỉnh Nam Định") go through normaliseAgency first.
 * Null when the directory does not know the agency.
 */
export async function lookupAgency(db: Sql | DB, text: string, province: string | null): Promise<string | null> {
  const sql = asSql(db);
  const place = province ?? ANY_PROVINCE;
  for (const candidate of [text, normaliseAgency(text, province)]) {
    const key = agencyKey(candidate);
    if (!key) continue;
    const row = await sql.get<{ name: string }>(LOOKUP, [key, place]);
    if (row !== undefined) return row.name;
  }
  return null;
}
