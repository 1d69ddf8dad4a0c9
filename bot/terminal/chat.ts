import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Logger } from '../logger.ts';
import { ERROR_REPLY, type ChatCore } from '../core/core.ts';
import { escapeHtml, htmlToPlain } from '../core/html.ts';
import type { Button, ChatUser, Reply } from '../core/types.ts';

/**
 * The terminal chat: the same core as Telegram, one line in, plain-text replies out. Works with
 * piped stdin (no prompt, exits at EOF). Buttons are listed as [1], [2]…; typing "#1" presses one.
 */
export interface TerminalOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  user: ChatUser;
  /** Where CSV attachments are written. */
  exportDir: string;
  logger: Logger;
  /** Show a "> " prompt (interactive use). */
  prompt?: boolean;
}

export async function runTerminal(core: ChatCore, opts: TerminalOptions): Promise<void> {
  const rl = readline.createInterface({ input: opts.input, terminal: false });
  const write = (s: string) => opts.output.write(s);
  let buttons: Button[] = [];
  const promptIfTty = () => opts.prompt && write('> ');
  write('Trợ lý Kế hoạch (chế độ dòng lệnh). Gõ câu hỏi hoặc /help; Ctrl+D để thoát.\n');
  promptIfTty();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line) {
      try {
        const pressed = /^#(\d+)$/.exec(line);
        const replies = pressed ? await press(core, opts, buttons, Number(pressed[1]), write) : await core.handle(opts.user, { text: line, chatType: 'private' });
        const shown = render(replies, opts.exportDir);
        if (replies.some((r) => r.kind === 'text' && r.buttons?.length)) buttons = shown.buttons;
        write(shown.text);
      } catch (err) {
        opts.logger.error({ err }, 'terminal message failed');
        write(`${ERROR_REPLY}\n\n`);
      }
    }
    promptIfTty();
  }
}

async function press(core: ChatCore, opts: TerminalOptions, buttons: Button[], n: number, write: (s: string) => void): Promise<Reply[]> {
  const button = buttons[n - 1];
  if (!button) return [{ kind: 'text', html: 'Không có nút này.' }];
  if ('webApp' in button) return [{ kind: 'text', html: `Mở trong trình duyệt (từ Telegram): ${escapeHtml(button.webApp)}` }];
  const result = await core.handleCallback(opts.user, button.data);
  if (result.toast) write(`(${result.toast})\n`);
  return result.replies;
}

/** Replies as plain text; buttons numbered across the whole batch. */
export function render(replies: Reply[], exportDir: string): { text: string; buttons: Button[] } {
  const out: string[] = [];
  const buttons: Button[] = [];
  for (const r of replies) {
    if (r.kind === 'document' || r.kind === 'photo') {
      fs.mkdirSync(exportDir, { recursive: true });
      const file = path.join(exportDir, path.basename(r.filename));
      fs.writeFileSync(file, r.content);
      out.push(`[Tệp đính kèm: ${file}]`);
      continue;
    }
    const body = htmlToPlain(r.html);
    out.push(r.to === undefined ? body : `[→ gửi tới người dùng ${r.to}]\n${body}`);
    const row = (r.buttons ?? []).flat();
    if (row.length) {
      out.push(row.map((b, i) => `[#${buttons.length + i + 1}] ${b.text}`).join('  '));
      buttons.push(...row);
    }
  }
  return { text: out.length ? `${out.join('\n\n')}\n\n` : '', buttons };
}
