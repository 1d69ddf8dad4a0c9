import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, exited, seededDataDir, startMain } from './process.ts';

/** `npm start` without a token: the terminal chat, driven through piped stdin, exits at EOF. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function chat(lines: string[], env: Record<string, string> = {}) {
  const dir = await seededDataDir();
  dirs.push(dir);
  const child = startMain(dir, env);
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  child.stdin?.end(`${lines.join('\n')}\n`);
  const { code } = await exited(child);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('terminal chat', () => {
  it('runs commands as the local operator and exits at end of input', async () => {
    const { code, stdout, stderr } = await chat(['/vanban', '/capnhat A24-0003 vướng mắc thiếu <kinh phí>', '/tiendo A24-0003', '/baocao Tỉnh A']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Kế hoạch thực hiện Nghị quyết số 02/NQ-CP năm 2024 (số 12/KH-UBND), Tỉnh A, năm 2024');
    expect(stdout).toContain('chưa cập nhật → vướng mắc');
    expect(stdout).toContain('Ghi chú: thiếu <kinh phí>');
    expect(stdout).toContain('Lịch sử cập nhật (1)');
    expect(stdout).toContain('• vướng mắc: 1');
    expect(stdout).not.toMatch(/<\/?b>/);
  });

  it('as a viewer cannot update', async () => {
    const { code, stdout } = await chat(['/capnhat A24-0003 hoàn thành'], { TERMINAL_ROLE: 'viewer', TERMINAL_USER_ID: '5' });
    expect(code).toBe(0);
    expect(stdout).toContain('chưa có quyền cập nhật');
  });
});
