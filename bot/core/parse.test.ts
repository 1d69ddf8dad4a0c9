import { describe, expect, it } from 'vitest';
import { parseCommand, parseGrantCommand, parseStatusCommand } from './parse.ts';

describe('parseCommand', () => {
  it('reads name and arguments, folding the name', () => {
    expect(parseCommand('/hoi  ai chủ trì?')).toEqual({ name: 'hoi', args: 'ai chủ trì?' });
    expect(parseCommand('/TienDo@TroLyBot A24-1', 'trolybot')).toEqual({ name: 'tiendo', args: 'A24-1' });
    expect(parseCommand('/cập_nhật x')).toEqual({ name: 'capnhat', args: 'x' });
  });

  it('ignores plain text and commands for another bot', () => {
    expect(parseCommand('ai chủ trì?')).toBeNull();
    expect(parseCommand('/hoi@other_bot x', 'trolybot')).toBeNull();
  });
});

describe('parseStatusCommand', () => {
  it.each([
    ['ND24-K7Q2 đang thực hiện 40% đã họp triển khai', { taskId: 'ND24-K7Q2', status: 'dang_thuc_hien', percent: 40, note: 'đã họp triển khai' }],
    ['nd24-k7q2 DANG THUC HIEN', { taskId: 'ND24-K7Q2', status: 'dang_thuc_hien', percent: null, note: null }],
    ['A1 hoan_thanh 100 %', { taskId: 'A1', status: 'hoan_thanh', percent: 100, note: null }],
    ['A1 Vướng mắc thiếu kinh phí 50%', { taskId: 'A1', status: 'vuong_mac', percent: null, note: 'thiếu kinh phí 50%' }],
    ['A1 chậm tiến độ 0%', { taskId: 'A1', status: 'cham_tien_do', percent: 0, note: null }],
    ['A1 chua bat dau', { taskId: 'A1', status: 'chua_bat_dau', percent: null, note: null }],
  ])('parses %s', (args, value) => {
    expect(parseStatusCommand(args)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'missing_task'],
    ['A1', 'bad_status'],
    ['A1 tạm dừng', 'bad_status'],
    ['A1 đang 40%', 'bad_status'],
    ['A1 hoàn thành 140%', 'bad_percent'],
    ['A1 hoàn thành 40.5%', 'bad_percent'],
    ['<b> hoàn thành', 'missing_task'],
  ])('rejects %j', (args, error) => {
    expect(parseStatusCommand(args)).toMatchObject({ ok: false, error });
  });

  it('reads the words officials use for a status: "xong", "đã xong", "done", "trễ hạn"', () => {
    expect(parseStatusCommand('A1 xong rồi')).toEqual({ ok: true, value: { taskId: 'A1', status: 'hoan_thanh', percent: null, note: 'rồi' } });
    expect(parseStatusCommand('A1 đã xong 100%')).toMatchObject({ ok: true, value: { status: 'hoan_thanh', percent: 100 } });
    expect(parseStatusCommand('a1 done')).toMatchObject({ ok: true, value: { taskId: 'A1', status: 'hoan_thanh' } });
    expect(parseStatusCommand('A1 trễ hạn thiếu vốn')).toMatchObject({ ok: true, value: { status: 'cham_tien_do', note: 'thiếu vốn' } });
    expect(parseStatusCommand('A1 tạm dừng 20%')).toMatchObject({ ok: false, error: 'bad_status', taskId: 'A1', rest: 'tạm dừng 20%' });
  });
});

describe('parseGrantCommand', () => {
  it('reads id, role word and agencies separated by semicolons', () => {
    expect(parseGrantCommand('42 bientap Sở Tài chính; Sở Y tế')).toEqual({ ok: true, value: { userId: 42, role: 'editor', agencies: ['Sở Tài chính', 'Sở Y tế'] } });
    expect(parseGrantCommand('42 Quản_trị')).toEqual({ ok: true, value: { userId: 42, role: 'admin', agencies: [] } });
    expect(parseGrantCommand('42 boss')).toEqual({ ok: false, error: 'bad_role' });
    expect(parseGrantCommand('abc editor')).toEqual({ ok: false, error: 'usage' });
  });
});
