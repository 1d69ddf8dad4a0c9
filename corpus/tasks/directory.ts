import { fillProvince, normaliseAgency } from './agencies.ts';
import { agencyKey } from './fold.ts';
import { lexicon } from './lexicon.ts';

/**
 * The agency directory as rows: every alias key of the alias table with the canonical agency it
 * names, and the agencies tasks name. Pure; corpus/store/agencies.ts writes the rows to SQLite.
 * Keys are folded exactly as normaliseAgency folds them (agencyKey), so a lookup through the
 * directory and a call to normaliseAgency agree.
 */

/** '' stands for "any province", as in the agencies and agency_aliases tables. */
export const ANY_PROVINCE = '';

export interface DirectoryAgency {
  name: string;
  province: string;
}

export interface DirectoryAlias {
  /** agencyKey of the alias. */
  alias: string;
  /** Province the alias is read in ('' = any). */
  province: string;
  agency: DirectoryAgency;
}

/** Alias rows that hold in every province: the canonical names without a province slot. */
export function globalAliases(): DirectoryAlias[] {
  return [...lexicon.aliases].map(([alias, entry]) => ({
    alias,
    province: ANY_PROVINCE,
    agency: { name: fillProvince(entry, null, null), province: ANY_PROVINCE },
  }));
}

/**
 * Alias rows of one province: bodies that exist once per province get their own agency
 * ("Ngân hàng Nhà nước chi nhánh tỉnh Nam Định"), and aliases written with the province
 * ("Cục Thuế tỉnh Nam Định") resolve to the agency normaliseAgency would give.
 */
export function provinceAliases(province: string): DirectoryAlias[] {
  const rows: DirectoryAlias[] = [];
  for (const [alias, entry] of lexicon.aliases) {
    if (entry.scoped) rows.push({ alias, province, agency: { name: fillProvince(entry, null, province), province } });
  }
  const slot = agencyKey(province);
  for (const [key, entry] of lexicon.provinceAliases) {
    const scoped = entry.scoped;
    rows.push({
      alias: key.replace('provinceslot', slot),
      province,
      agency: { name: fillProvince(entry, null, scoped ? province : null), province: scoped ? province : ANY_PROVINCE },
    });
  }
  return rows;
}

/**
 * Rows for the agencies one document's tasks name. A name the alias table already knows is
 * that (global or province-scoped) agency; any other name becomes an agency of the document's
 * province, found by its own folded key.
 */
export function taskAgencyAliases(province: string | null, names: string[]): DirectoryAlias[] {
  const place = province ?? ANY_PROVINCE;
  const known = new Set(globalAliases().map((r) => r.agency.name));
  if (province) for (const r of provinceAliases(province)) known.add(r.agency.name);
  const rows: DirectoryAlias[] = [];
  for (const name of new Set(names.map((n) => normaliseAgency(n, province)).filter(Boolean))) {
    if (known.has(name)) continue;
    rows.push({ alias: agencyKey(name), province: place, agency: { name, province: place } });
  }
  return rows;
}
