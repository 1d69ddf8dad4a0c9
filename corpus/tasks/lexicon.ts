import { z } from 'zod';
import raw from '../data/agency-aliases.json' with { type: 'json' };
import { agencyKey, fold } from './fold.ts';

/**
 * The agency alias table (corpus/data/agency-aliases.json) validated once and indexed by
 * folded key. Pure data: no I/O beyond the static JSON import.
 */

const entrySchema = z.object({
  canonical: z.string().min(1),
  aliases: z.array(z.string()),
  scope: z.enum(['province']).optional(),
});

const schema = z.object({
  departments: z.array(z.object({ name: z.string().min(1), canonical: z.string().optional(), aliases: z.array(z.string()) })),
  agencies: z.array(entrySchema),
  collectives: z.array(entrySchema),
  heads: z.object({ proper: z.array(z.string()), collective: z.array(z.string()) }),
  titles: z.array(z.string()),
  notHeads: z.array(z.string()),
  generic: z.array(z.string()),
});

export const PROVINCE_SLOT = '{province}';

export interface AliasEntry {
  canonical: string;
  scoped: boolean;
  collective: boolean;
}

export interface Department {
  /** Bare name as listed after "Các sở:", e.g. "Kế hoạch và Đầu tư". */
  name: string;
  /** Full agency name, e.g. "Sở Kế hoạch và Đầu tư" or "Công an tỉnh". */
  canonical: string;
  /** Folded keys of the name and its aliases, longest first. */
  keys: string[];
}

export interface Lexicon {
  /** agencyKey(alias) → entry; aliases holding {province} are stored per slot-free key below. */
  aliases: Map<string, AliasEntry>;
  /** Same, for aliases that contain the province slot, keyed with the slot left as "{province}". */
  provinceAliases: Map<string, AliasEntry>;
  departments: Department[];
  properHeads: string[];
  collectiveHeads: string[];
  titles: string[];
  /** Folded phrases that start like an agency but are not one ("ban hanh"). */
  notHeads: string[];
  generic: Set<string>;
}

function indexEntry(lex: Lexicon, entry: z.infer<typeof entrySchema>, collective: boolean): void {
  const value: AliasEntry = { canonical: entry.canonical, scoped: entry.scope === 'province', collective };
  for (const name of [entry.canonical, ...entry.aliases]) {
    if (name.includes(PROVINCE_SLOT)) {
      lex.provinceAliases.set(agencyKey(name.replace(PROVINCE_SLOT, 'provinceslot')), value);
    } else {
      lex.aliases.set(agencyKey(name), value);
    }
  }
}

function buildLexicon(data: z.infer<typeof schema>): Lexicon {
  const lex: Lexicon = {
    aliases: new Map(),
    provinceAliases: new Map(),
    departments: [],
    // Longest first so "Ban Chỉ đạo" wins over "Ban" and "Chi cục" over "Cục".
    properHeads: [...data.heads.proper].sort((a, b) => b.length - a.length),
    collectiveHeads: data.heads.collective.map(fold).sort((a, b) => b.length - a.length),
    titles: data.titles,
    notHeads: data.notHeads.map(fold),
    generic: new Set(data.generic.map(fold)),
  };
  for (const dep of data.departments) {
    const canonical = dep.canonical ?? `Sở ${dep.name}`;
    const keys = [dep.name, ...dep.aliases].map(agencyKey).sort((a, b) => b.length - a.length);
    lex.departments.push({ name: dep.name, canonical, keys });
    for (const alias of [dep.name, ...dep.aliases]) {
      lex.aliases.set(agencyKey(`Sở ${alias}`), { canonical, scoped: false, collective: false });
    }
  }
  for (const entry of data.agencies) indexEntry(lex, entry, false);
  for (const entry of data.collectives) indexEntry(lex, entry, true);
  return lex;
}

export const lexicon: Lexicon = buildLexicon(schema.parse(raw));
