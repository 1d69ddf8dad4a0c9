import { describe, expect, it } from 'vitest';
import { storeBackends } from './backends.ts';
import { ReminderStore } from './reminders.ts';

for (const backend of storeBackends()) {
  describe.skipIf(!backend.available)(`the reminder store on ${backend.name}`, () => {
    it('claims a key once, gives it back after a failed send, and remembers opt-outs', async () => {
      const sql = await backend.open();
      const store = new ReminderStore(sql, { now: () => '2024-09-02T01:00:00.000Z' });
      const a = { key: 'due:5:T1:2024-09-02', userId: 5, kind: 'due' as const, taskId: 'T1' };
      const b = { key: 'digest:1:2024-W36', userId: 1, kind: 'digest' as const, taskId: null };
      expect(await store.claim([a, b])).toEqual([a.key, b.key]);
      // A second replica computing the same reminders claims nothing.
      expect(await new ReminderStore(sql).claim([a, b])).toEqual([]);
      expect(await store.has(a.key)).toBe(true);
      expect([...(await store.claimedOf([a.key, 'other']))]).toEqual([a.key]);
      await store.release([a.key]);
      expect(await store.has(a.key)).toBe(false);
      expect(await store.sentTo(1)).toEqual([{ key: b.key, kind: 'digest', taskId: null, at: '2024-09-02T01:00:00.000Z' }]);
      await store.setOptOut(5, true);
      await store.setOptOut(5, true);
      expect(await store.isOptedOut(5)).toBe(true);
      expect([...(await store.optedOut())]).toEqual([5]);
      await store.setOptOut(5, false);
      expect(await store.isOptedOut(5)).toBe(false);
    });

    it('lets exactly one of two concurrent claims of a key win', async () => {
      const sql = await backend.open();
      const item = { key: 'overdue:7:T9:2024-W40', userId: 7, kind: 'overdue' as const, taskId: 'T9' };
      const results = await Promise.all([new ReminderStore(sql).claim([item]), new ReminderStore(sql).claim([item])]);
      expect(results.flat()).toEqual([item.key]);
    });
  });
}
