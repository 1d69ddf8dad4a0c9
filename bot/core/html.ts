/**
 * Telegram HTML helpers. Replies are built from escaped strings and a handful of tags, so a
 * plan excerpt containing "<" or "&" (or a user typing HTML) can never break the markup.
 */

/** Telegram's limit on one message's text. */
export const MESSAGE_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.normalize('NFC').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escapes and shortens to `max` characters at a word boundary, with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return escapeHtml(clean);
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${escapeHtml((space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd())}…`;
}

// One tag, one entity, or one plain character of our own generated HTML.
const TOKEN = /<\/?([a-z]+)(?:\s[^>]*)?>|&[#a-z0-9]+;|[\s\S]/giu;

interface Piece { text: string; open?: string; close?: string }

function tokenize(html: string): Piece[] {
  const out: Piece[] = [];
  for (const m of html.matchAll(TOKEN)) {
    const t = m[0];
    const name = m[1]?.toLowerCase();
    if (name && t.startsWith('</')) out.push({ text: t, close: name });
    else if (name) out.push({ text: t, open: name });
    else out.push({ text: t });
  }
  return out;
}

/**
 * Splits HTML into messages under `limit` characters, at line breaks where possible (then at
 * spaces, then anywhere). Tags open at a cut are closed at the end of one message and
 * reopened at the start of the next, so each message is valid markup on its own.
 */
export function splitHtml(html: string, limit: number = MESSAGE_LIMIT): string[] {
  const pieces = tokenize(html);
  const chunks: string[] = [];
  let stack: Piece[] = [];
  let start = 0;
  while (start < pieces.length) {
    const prefix = stack.map((p) => p.text).join('');
    const { end, stackAtEnd } = findCut(pieces, start, stack, limit - prefix.length);
    const body = pieces.slice(start, end).map((p) => p.text).join('');
    const closing = [...stackAtEnd].reverse().map((p) => `</${p.open}>`).join('');
    const chunk = (prefix + body).replace(/\n+$/, '') + closing;
    if (chunk.replace(/<[^>]*>/g, '').trim()) chunks.push(chunk);
    stack = stackAtEnd;
    start = end;
    while (pieces[start]?.text === '\n') start++;
  }
  return chunks.length ? chunks : [''];
}

/** The end (exclusive) of the next message and the tags open there. */
function findCut(pieces: Piece[], start: number, stack: Piece[], room: number): { end: number; stackAtEnd: Piece[] } {
  let open = [...stack];
  let used = 0;
  let lastLine: { end: number; stack: Piece[] } | null = null;
  let lastSpace: { end: number; stack: Piece[] } | null = null;
  let i = start;
  for (; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    const nextOpen = p.open ? [...open, p] : p.close ? dropLast(open, p.close) : open;
    const closingCost = nextOpen.reduce((n, t) => n + (t.open?.length ?? 0) + 3, 0);
    if (used + p.text.length + closingCost > room && i > start) break;
    used += p.text.length;
    open = nextOpen;
    if (p.text === '\n') lastLine = { end: i + 1, stack: open };
    else if (p.text === ' ') lastSpace = { end: i + 1, stack: open };
  }
  if (i >= pieces.length) return { end: i, stackAtEnd: open };
  const cut = lastLine ?? lastSpace;
  return cut ? { end: cut.end, stackAtEnd: cut.stack } : { end: i, stackAtEnd: open };
}

function dropLast(stack: Piece[], name: string): Piece[] {
  const at = stack.map((p) => p.open).lastIndexOf(name);
  return at < 0 ? stack : [...stack.slice(0, at), ...stack.slice(at + 1)];
}

/** The text a reader sees: tags dropped, entities decoded (the terminal chat prints this). */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<\/?blockquote>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
