import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../corpus/ingest.ts';
import { isCallbackButton, type Reply } from './types.ts';
import { ADMIN, createFixture, EDITOR, VIEWER, type Fixture } from './testing.ts';
import { buildReport, reportCsv } from '../report/summary.ts';

type TextReply = Extract<Reply, { kind: 'text' }>;

const send = (f: Fixture, userId: number, text: string) => f.core.handle({ id: userId, name: `Cán bộ ${userId}` }, { text, chatType: 'private' });
const mine = (replies: Reply[]) => replies.filter((r): r is TextReply => r.kind === 'text' && r.to === undefined);
const html = (replies: Reply[]) => mine(replies).map((r) => r.html).join('\n');
const count = (f: Fixture, table: string) => (f.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('/capnhat and /tiendo', () => {
  it('an editor updates a task of their agency; /tiendo shows the history', async () => {
    const f = await createFixture();
    const out = html(await send(f, EDITOR, '/capnhat a24-0001 Đang thực hiện 40% đã họp <triển khai>'));
    expect(out).toContain('Đã cập nhật nhiệm vụ <code>A24-0001</code>');
    expect(out).toContain('chưa cập nhật → <b>đang thực hiện 40%</b>');
    expect(out).toContain('Ghi chú: đã họp &lt;triển khai&gt;');
    await send(f, EDITOR, '/capnhat A24-0001 hoan thanh');
    const progress = html(await send(f, VIEWER, '/tiendo A24-0001'));
    expect(progress).toContain('Trạng thái: <b>hoàn thành</b>');
    expect(progress).toContain('Chủ trì: Sở Tài chính');
    expect(progress).toContain('Phối hợp: Sở Kế hoạch và Đầu tư');
    expect(progress).toContain('Lịch sử cập nhật (2)');
    expect(progress).toMatch(/01\/09\/2024 10:00: đang thực hiện 40% — đã họp &lt;triển khai&gt; <i>\(Cán bộ 2\)<\/i>/);
    expect(progress).toContain('NHIỆM VỤ, GIẢI PHÁP');
  });

  it('refuses politely without rights and changes nothing', async () => {
    const f = await createFixture();
    const auditRows = count(f, 'audit_log');
    for (const [user, cmd] of [[EDITOR, '/capnhat A24-0002 hoàn thành'], [VIEWER, '/capnhat A24-0001 hoàn thành'], [77, '/capnhat A24-0001 hoàn thành']] as const) {
      const out = html(await send(f, user, cmd));
      expect(out).toContain('chưa có quyền cập nhật');
      expect(out).toContain('/dangky');
    }
    expect(count(f, 'status_updates')).toBe(0);
    expect(count(f, 'audit_log')).toBe(auditRows);
  });

  it('an admin may update any task', async () => {
    const f = await createFixture();
    expect(html(await send(f, ADMIN, '/capnhat A24-0003 vuong mac thiếu kinh phí'))).toContain('<b>vướng mắc</b>');
    expect(await f.tracking.latest('A24-0003')).toMatchObject({ status: 'vuong_mac', note: 'thiếu kinh phí', userId: ADMIN });
  });

  it('shows usage for malformed input and says when a task does not exist', async () => {
    const f = await createFixture();
    expect(html(await send(f, EDITOR, '/capnhat'))).toContain('Cách dùng: <code>/capnhat');
    expect(html(await send(f, EDITOR, '/capnhat A24-0001 tạm dừng'))).toContain('Không nhận ra trạng thái');
    expect(html(await send(f, EDITOR, '/capnhat A24-0001 hoàn thành 150%'))).toContain('từ 0 đến 100');
    expect(html(await send(f, EDITOR, '/capnhat ZZ-1 hoàn thành'))).toContain('Không tìm thấy nhiệm vụ');
    expect(html(await send(f, EDITOR, '/tiendo'))).toContain('Cách dùng');
    expect(html(await send(f, EDITOR, '/tiendo <x>'))).toContain('&lt;x&gt;');
    expect(count(f, 'status_updates')).toBe(0);
  });
});

describe('/capnhat as officials type it', () => {
  it('understands everyday status words and shows the new status in the confirmation', async () => {
    const f = await createFixture();
    const out = html(await send(f, EDITOR, '/capnhat A24-0001 xong 100% đã nộp báo cáo'));
    expect(out).toContain('<code>A24-0001</code> [hoàn thành 100%]');
    expect(out).not.toContain('[chưa cập nhật]');
    expect(out).toContain('chưa cập nhật → <b>hoàn thành 100%</b>');
    for (const [words, label] of [['đang làm', 'đang thực hiện'], ['trễ hạn', 'chậm tiến độ'], ['in progress', 'đang thực hiện'], ['đã xong', 'hoàn thành'], ['chua lam', 'chưa bắt đầu']]) {
      expect(html(await send(f, EDITOR, `/capnhat A24-0001 ${words}`)), words).toContain(`→ <b>${label}</b>`);
    }
  });

  it('offers the five statuses as buttons for a word it does not know, keeping the percent and the note', async () => {
    const f = await createFixture();
    const replies = mine(await send(f, EDITOR, '/capnhat A24-0001 tạm dừng 20% chờ kinh phí'));
    expect(replies[0]?.html).toContain('Không nhận ra trạng thái «tạm dừng»');
    const choices = (replies[0]?.buttons?.flat() ?? []).filter(isCallbackButton);
    expect(choices.map((b) => b.text)).toEqual(['chưa bắt đầu', 'đang thực hiện', 'hoàn thành', 'chậm tiến độ', 'vướng mắc']);
    expect(count(f, 'status_updates')).toBe(0);
    const picked = await f.core.handleCallback({ id: EDITOR, name: 'Cán bộ 2' }, choices.find((b) => b.text === 'vướng mắc')!.data);
    expect(html(picked.replies)).toContain('→ <b>vướng mắc 20%</b>');
    expect(await f.tracking.latest('A24-0001')).toMatchObject({ status: 'vuong_mac', percent: 20, note: 'chờ kinh phí' });
    // The buttons act with the presser's rights, and are stale once used only by their own memory.
    const stranger = await f.core.handleCallback({ id: 77 }, choices[0]!.data);
    expect(html(stranger.replies)).toContain('chưa có quyền');
  });
});

describe('/nhiemvu', () => {
  it('lists an agency\'s tasks with status, paged with buttons', async () => {
    const f = await createFixture();
    const first = mine(await send(f, 50, '/nhiemvu so noi vu'));
    expect(first[0]?.html).toContain('(20, trang 1/3)');
    expect(first[0]?.html).toContain('<code>B23-0001</code> [chưa cập nhật]');
    const next = first[0]?.buttons?.flat().filter(isCallbackButton).find((b) => b.text === 'Sau »');
    const page2 = await f.core.handleCallback({ id: 50 }, next?.data ?? '');
    expect(html(page2.replies)).toContain('trang 2/3');
    expect(html(page2.replies)).toContain('B23-0009');
  });

  it('defaults to the user\'s own agency and explains usage otherwise', async () => {
    const f = await createFixture();
    const own = html(await send(f, EDITOR, '/nhiemvu'));
    expect(own).toContain('Nhiệm vụ của So Tai chinh');
    expect(own).toContain('A24-0001');
    expect(own).not.toContain('A24-0002');
    expect(html(await send(f, 50, '/nhiemvu'))).toContain('Cách dùng');
    expect(html(await send(f, 50, '/nhiemvu Sở Ngoại giao'))).toContain('Không có nhiệm vụ nào');
  });
});

describe('/baocao', () => {
  it('counts by status and lists overdue tasks of the named province', async () => {
    const f = await createFixture();
    await send(f, ADMIN, '/capnhat A24-0002 dang thuc hien 10%');
    const replies = await send(f, 50, '/baocao tinh a');
    const out = html(replies);
    expect(out).toContain('1 kế hoạch, 3 nhiệm vụ');
    expect(out).toContain('• đang thực hiện: 1');
    expect(out).toContain('Quá hạn (1)');
    expect(out).toContain('A24-0001');
    expect(out).toContain('Chưa cập nhật lần nào (2)');
  });

  it('sends the Excel workbook and the chart with the summary; long lists point to the workbook', async () => {
    const f = await createFixture();
    const replies = await send(f, 50, '/baocao');
    expect(html(replies)).toContain('Quá hạn (21)');
    expect(html(replies)).toContain('Danh sách đầy đủ trong tệp Excel đính kèm.');
    const doc = replies.find((r) => r.kind === 'document');
    expect(doc?.kind === 'document' && doc.filename).toBe('bao-cao-tien-do-2024-09-01.xlsx');
    expect(doc?.kind === 'document' && doc.content.subarray(0, 2).toString()).toBe('PK');
    const photo = replies.find((r) => r.kind === 'photo');
    expect(photo?.kind === 'photo' && photo.content.subarray(1, 4).toString()).toBe('PNG');
  });

  it('keeps the CSV for machines: UTF-8 with a BOM, one row per task', async () => {
    const f = await createFixture();
    const r = buildReport(await f.plans.listDocuments(), await f.plans.listTasks(), '2024-09-01');
    const csv = reportCsv(r, '2024-09-01').toString('utf8');
    expect(csv.startsWith('\uFEFFma,ke_hoach,muc')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(24);
    expect(csv).toContain('"Sở Tài chính chủ trì, phối hợp');
  });

  it('says so when nothing matches', async () => {
    expect(html(await send(await createFixture(), 50, '/baocao Hà Giang'))).toContain('Không có kế hoạch nào khớp');
  });
});

describe('/dangky and /duyet', () => {
  it('a request notifies admins; an admin approves it and the user is told', async () => {
    const f = await createFixture();
    const req = await send(f, 60, '/dangky Sở Y tế');
    expect(html(req)).toContain('Đã gửi yêu cầu');
    const notice = req.find((r) => r.kind === 'text' && r.to === ADMIN);
    expect(notice?.kind === 'text' && notice.html).toContain('/duyet 60 bientap');
    expect(html(await send(f, ADMIN, '/duyet'))).toContain('<code>60</code> Cán bộ 60 — Sở Y tế');
    const approved = await send(f, ADMIN, '/duyet 60 bientap');
    expect(html(approved)).toContain('cập nhật tiến độ</b> cho Sở Y tế');
    expect(approved.some((r) => r.kind === 'text' && r.to === 60)).toBe(true);
    expect(html(await send(f, 60, '/capnhat A24-0002 hoàn thành'))).toContain('Đã cập nhật');
    expect(await f.tracking.auditLog('user:60')).toHaveLength(1);
  });

  it('refuses non-admins and explains malformed input', async () => {
    const f = await createFixture();
    expect(html(await send(f, EDITOR, '/duyet 60 quantri'))).toContain('chỉ quản trị viên');
    expect(await f.tracking.getUser(60)).toBeNull();
    expect(html(await send(f, ADMIN, '/duyet 60 sep'))).toContain('Không nhận ra vai trò');
    expect(html(await send(f, ADMIN, '/duyet 60 bientap'))).toContain('hãy ghi rõ cơ quan');
    expect(html(await send(f, 60, '/dangky'))).toContain('Cách dùng');
  });
});

describe('/nhiemvu after the 2025 reorganisation', () => {
  const ND24 = fileURLToPath(new URL('../../corpus/plans/nam-dinh-2024-nq02.txt', import.meta.url));

  it('lists under today\'s agency the tasks a 2024 plan gave its predecessor, marked, and lets its editor update them', async () => {
    const f = await createFixture();
    await ingestPaths([path.resolve(ND24)], { store: f.plans, maxBytes: 10_000_000 });
    const task = (await f.plans.listTasks({ docId: 'nam-dinh-2024-nq02.txt' })).find((t) => t.section === 'IV.2.1.c')!;
    expect(task.lead).toContain('Sở Kế hoạch và Đầu tư');
    const listed = html(await send(f, 50, '/nhiemvu Sở Tài chính'));
    expect(listed).toContain('A24-0001');
    expect(listed).toMatch(new RegExp(`<code>${task.id}</code>[^\\n]*<i>\\(giao cho Sở Kế hoạch và Đầu tư, nay là Sở Tài chính\\)</i>`, 'u'));
    expect(listed).not.toMatch(/<code>A24-0001<\/code>[^\n]*giao cho/u);
    expect(html(await send(f, EDITOR, `/capnhat ${task.id} đang thực hiện 10%`))).toContain('Đã cập nhật');
    const progress = html(await send(f, VIEWER, `/tiendo ${task.id}`));
    expect(progress).toContain('Chủ trì: Sở Kế hoạch và Đầu tư (nay là Sở Tài chính)');
  });
});

describe('/nhacnho and /dashboard', () => {
  const RULES = { remindDays: 7, staleDays: 30, digestWeekday: 1, digestHour: 8 };

  it('says reminders are not running where the scheduler is off (the terminal chat)', async () => {
    expect(html(await send(await createFixture(), EDITOR, '/nhacnho tat'))).toContain('Nhắc việc chưa chạy');
  });

  it('explains what each user gets, turns it off and on, audits the change, and answers a wrong word with usage', async () => {
    const f = await createFixture({ reminders: RULES });
    const status = html(await send(f, EDITOR, '/nhacnho'));
    expect(status).toContain('đang <b>bật</b>');
    expect(status).toContain('đến hạn trong 7 ngày tới');
    expect(html(await send(f, ADMIN, '/nhacnho'))).toContain('thứ Hai hằng tuần, từ 8 giờ');
    expect(html(await send(f, VIEWER, '/nhacnho'))).toContain('Bạn chưa có nhiệm vụ để nhắc');
    expect(html(await send(f, EDITOR, '/nhacnho tắt'))).toContain('Đã <b>tắt</b>');
    expect(html(await send(f, EDITOR, '/nhacnho'))).toContain('đang <b>tắt</b>');
    expect(html(await send(f, EDITOR, '/nhacnho bật'))).toContain('Đã <b>bật</b>');
    expect((await f.tracking.auditLog(`user:${EDITOR}`)).map((a) => a.action).filter((a) => a.startsWith('reminders'))).toEqual(['reminders.off', 'reminders.on']);
    expect(html(await send(f, EDITOR, '/nhacnho mai'))).toContain('Cách dùng');
  });

  it('/dashboard opens the Mini App in a private chat, points groups to it, and says when it is not set up', async () => {
    const f = await createFixture({ dashboardUrl: 'https://bot.example.gov.vn/dashboard/' });
    const replies = await send(f, VIEWER, '/dashboard');
    expect(mine(replies)[0]?.buttons?.flat()).toEqual([{ text: 'Mở bảng theo dõi', webApp: 'https://bot.example.gov.vn/dashboard/' }]);
    const group = await f.core.handle({ id: VIEWER }, { text: '/dashboard', chatType: 'group' });
    expect(html(group)).toContain('tin nhắn riêng');
    expect(html(await send(await createFixture(), VIEWER, '/dashboard'))).toContain('chưa được bật');
  });
});
