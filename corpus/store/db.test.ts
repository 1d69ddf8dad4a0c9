import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from './db.ts';
import { MIGRATIONS } from './migrations.ts';

describe('openDatabase', () => {
  it('migrates to the latest version with foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(':memory:');
    db.prepare(`INSERT INTO audit_log (at, actor_id, action, subject) VALUES ('2024-01-01', 1, 'role', 'u:2')`).run();
    expect(() => db.prepare('UPDATE audit_log SET action = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
