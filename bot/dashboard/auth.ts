import crypto from 'node:crypto';

/**
 * Telegram Mini App init data, verified as Telegram documents it: the secret key is
 * HMAC-SHA256 of the bot token with the key "WebAppData"; the hash is HMAC-SHA256 of the
 * data-check string (every field but `hash`, as `key=value`, sorted, joined by newlines) with
 * that key. Data older than `maxAgeSeconds` is refused, so a leaked URL stops working.
 */
export interface MiniAppUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export type InitDataCheck =
  | { ok: true; user: MiniAppUser; authDate: Date }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad_signature' | 'expired' | 'no_user' };

/** One day, as the dashboard's issue asks; Telegram issues fresh init data each time the app opens. */
export const INIT_DATA_MAX_AGE_S = 86_400;
/** Clocks differ a little: init data "from the future" by up to this much is accepted. */
const CLOCK_SKEW_S = 300;

function secretKey(botToken: string): Buffer {
  return crypto.createHmac('sha256', 'WebAppData').update(botToken).digest();
}

function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()].filter(([k]) => k !== 'hash').map(([k, v]) => `${k}=${v}`).sort().join('\n');
}

export function verifyInitData(initData: string | null | undefined, botToken: string, now: Date = new Date(), maxAgeSeconds = INIT_DATA_MAX_AGE_S): InitDataCheck {
  if (!initData) return { ok: false, reason: 'missing' };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(initData);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash)) return { ok: false, reason: 'malformed' };
  const expected = crypto.createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest();
  if (!crypto.timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return { ok: false, reason: 'bad_signature' };
  const authDate = Number(params.get('auth_date'));
  if (!Number.isFinite(authDate) || authDate <= 0) return { ok: false, reason: 'malformed' };
  const age = now.getTime() / 1000 - authDate;
  if (age > maxAgeSeconds || age < -CLOCK_SKEW_S) return { ok: false, reason: 'expired' };
  try {
    const user = JSON.parse(params.get('user') ?? 'null') as MiniAppUser | null;
    if (!user || !Number.isSafeInteger(user.id)) return { ok: false, reason: 'no_user' };
    return { ok: true, user, authDate: new Date(authDate * 1000) };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/**
 * Init data signed with `botToken`, as Telegram would send it. The tests use it; operators can
 * use it to open the dashboard from a browser while setting it up (README).
 */
export function signInitData(fields: { user: MiniAppUser; authDate: Date; queryId?: string }, botToken: string): string {
  const params = new URLSearchParams();
  params.set('auth_date', String(Math.floor(fields.authDate.getTime() / 1000)));
  params.set('query_id', fields.queryId ?? 'AAHdF6IQAAAAAN0XohDhrOrc');
  params.set('user', JSON.stringify(fields.user));
  params.set('hash', crypto.createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest('hex'));
  return params.toString();
}

/** The init data of an `Authorization: tma <initData>` header (the Mini Apps convention). */
export function initDataFromHeader(header: string | undefined): string | null {
  const m = /^tma\s+(.+)$/i.exec(header?.trim() ?? '');
  return m?.[1] ?? null;
}
