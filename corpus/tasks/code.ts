import { createHash } from 'node:crypto';
import { fold } from './fold.ts';

/**
 * Short task codes an official can type: province initials + 2-digit year + "-" + base32 of a
 * sha256 of the task key, e.g. "ND24-K7Q2".
 */

/** Crockford base32: no I, L, O, U, so codes read aloud or retyped are unambiguous. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_HASH_LENGTH = 4;

/** Words that prefix a province-level unit's name and are not part of its initials. */
const UNIT_PREFIX = /^(?:tinh|thanh pho|tp\.?)\s+/;

/** "Nam Định" → "ND", "Thừa Thiên Huế" → "TTH", "Huế" → "HU"; "XX" when unknown. */
export function provinceInitials(province: string | null): string {
  const words = fold(province ?? '')
    .replace(UNIT_PREFIX, '')
    .replace(/[^a-z\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return 'XX';
  if (words.length === 1) return (words[0] ?? '').slice(0, 2).toUpperCase().padEnd(2, 'X');
  return words
    .slice(0, 3)
    .map((w) => w.charAt(0))
    .join('')
    .toUpperCase();
}

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

/**
 * The code of a task key. `hashLength` (default 4, at most 51) is raised only to break a
 * collision inside one document (see assignTaskCodes).
 */
export function taskCode(key: string, province: string | null, year: number | null, hashLength = CODE_HASH_LENGTH): string {
  const digest = createHash('sha256').update(key.normalize('NFC'), 'utf8').digest();
  const yy = year === null ? '00' : String(((year % 100) + 100) % 100).padStart(2, '0');
  return `${provinceInitials(province)}${yy}-${base32(digest, Math.min(Math.max(hashLength, 1), 51))}`;
}

/**
 * Codes for all task keys of one document, unique within it. Keys are taken in the order
 * given (document order); a key whose code is already taken gets a longer hash, so earlier
 * tasks keep their short codes and the result is the same on every run.
 */
export function assignTaskCodes(keys: readonly string[], province: string | null, year: number | null): string[] {
  const taken = new Set<string>();
  return keys.map((key) => {
    let length = CODE_HASH_LENGTH;
    let code = taskCode(key, province, year, length);
    while (taken.has(code) && length < 51) {
      length += 1;
      code = taskCode(key, province, year, length);
    }
    taken.add(code);
    return code;
  });
}
