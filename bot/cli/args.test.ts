import path from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../corpus/store/documents.ts';
import { cliConfig, createProgram, describeError } from './args.ts';
import { exitCode } from './ingest.ts';
import { formatTaskTable, toTaskJson } from './tasks.ts';

describe('cliConfig', () => {
  it('lets --data-dir win over DATA_DIR', () => {
    expect(cliConfig({ dataDir: 'x/d' }, { DATA_DIR: 'y' }).dataDir).toBe(path.resolve('x/d'));
    expect(cliConfig({}, { DATA_DIR: 'y' }).dbPath).toBe(path.join(path.resolve('y'), 'tro-ly.sqlite'));
    expect(cliConfig({}, { MAX_FILE_MB: '0.5' }).maxFileBytes).toBe(512 * 1024);
  });
});

describe('createProgram', () => {
  it('parses the shared options and throws on unknown ones instead of exiting', () => {
    const p = createProgram('t', 'test').argument('[paths...]');
    p.parse(['--json', '--data-dir', 'd', 'a.txt'], { from: 'user' });
    expect(p.opts()).toEqual({ json: true, dataDir: 'd' });
    expect(p.args).toEqual(['a.txt']);
    const q = createProgram('t', 'test').configureOutput({ writeErr: () => undefined });
    expect(() => q.parse(['--nope'], { from: 'user' })).toThrow(CommanderError);
  });

  it('describes an error with its causes', () => {
    const err = new Error('could not save a.txt', { cause: new TypeError('UNIQUE constraint failed') });
    expect(describeError(err)).toBe('Error: could not save a.txt\n  caused by TypeError: UNIQUE constraint failed');
  });
});

describe('ingest exit code', () => {
  const report = { ingested: [] as string[], skipped: [] as string[], failed: [] as { path: string; error: string }[], changedDocs: [], orphanedTasks: [], ocr: [] };
  it('is 1 only when every file failed', () => {
    expect(exitCode({ ...report, failed: [{ path: 'a', error: 'x' }] })).toBe(1);
    expect(exitCode({ ...report, skipped: ['b'], failed: [{ path: 'a', error: 'x' }] })).toBe(0);
    expect(exitCode({ ...report, ingested: ['b'] })).toBe(0);
    expect(exitCode(report)).toBe(0);
  });
});

describe('task output', () => {
  const task: TaskRecord = {
    id: 'ND24-K7Q2', key: 'a.txt#IV.2', docId: 'a.txt', clauseId: 'a.txt#IV.2', section: 'IV.2',
    text: 'Sở Tài chính chủ trì, phối hợp với Cục Thuế tỉnh đẩy mạnh hoàn thuế giá trị gia tăng cho doanh nghiệp đúng hạn',
    lead: ['Sở KH&ĐT'], coordinators: ['Cục Thuế tỉnh'], evaluators: ['VP UBND tỉnh'], reportTo: ['Sở Tư pháp'],
    canonical: { 'Sở KH&ĐT': 'Sở Kế hoạch và Đầu tư' }, now: { 'Sở KH&ĐT': 'Sở Tài chính' }, deadline: { text: 'trước ngày 30/6/2024', date: '2024-06-30' },
    targets: [], removedAt: null, status: { status: 'dang_thuc_hien', percent: 40, note: null, at: '2024-05-01', userId: 1 },
  };

  it('maps to the contract JSON', () => {
    expect(toTaskJson(task)).toEqual({
      id: 'ND24-K7Q2', doc: 'a.txt', section: 'IV.2', text: task.text, lead: ['Sở KH&ĐT'], coordinators: ['Cục Thuế tỉnh'],
      evaluators: ['VP UBND tỉnh'], reportTo: ['Sở Tư pháp'], now: { 'Sở KH&ĐT': 'Sở Tài chính' }, canonical: { 'Sở KH&ĐT': 'Sở Kế hoạch và Đầu tư' },
      deadline: { text: 'trước ngày 30/6/2024', date: '2024-06-30' }, status: task.status, targets: [], removed: false,
    });
  });

  it('prints a table with long text cut', () => {
    const table = formatTaskTable([task, { ...task, id: 'X', removedAt: '2024-06-01', status: null }]);
    expect(table).toMatch(/^Mã\s+Văn bản/);
    expect(table).toContain('dang_thuc_hien 40%');
    expect(table).toContain('đã bỏ khỏi KH');
    expect(table).toContain('…');
    expect(table).toContain('2 task(s)');
    expect(formatTaskTable([])).toBe('No tasks found.\n');
  });
});
