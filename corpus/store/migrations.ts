/**
 * Schema migrations, one list for both databases, applied in order by openDatabase() (SQLite)
 * and openStore() (either). Each version has its SQLite and its PostgreSQL text; they must
 * leave the same tables, columns and rules. Never edit a released one: add a new version.
 */
export interface Migration {
  version: number;
  name: string;
  /** SQLite. */
  sql: string;
  postgres: string;
}

/** PostgreSQL: a table only appended to (status updates, the audit log), enforced by the database. */
function appendOnly(table: string): string {
  return `
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION append_only();
      CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION append_only();`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE documents (
        id           TEXT PRIMARY KEY,          -- file name, e.g. nam-dinh-2024-nq02.txt
        path         TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        issuer       TEXT,
        number       TEXT,
        date         TEXT,
        province     TEXT,
        year         INTEGER,
        title        TEXT,
        implements   TEXT,
        kind         TEXT,
        ingested_at  TEXT NOT NULL
      );

      CREATE TABLE clauses (
        id          TEXT PRIMARY KEY,
        doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        section     TEXT NOT NULL,
        kind        TEXT NOT NULL,
        label       TEXT,
        breadcrumb  TEXT NOT NULL,               -- JSON array of strings
        text        TEXT NOT NULL,
        parent_id   TEXT,
        ord         INTEGER NOT NULL,
        depth       INTEGER NOT NULL,
        columns     TEXT                         -- JSON object for appendix rows
      );
      CREATE INDEX clauses_doc ON clauses(doc_id, ord);

      -- Tasks outlive their document version: a task that disappears on re-ingest keeps its
      -- row (removed_at set) so its status history stays attached and can be reported.
      CREATE TABLE tasks (
        id             TEXT PRIMARY KEY,         -- short code officials type, e.g. ND24-K7Q2
        key            TEXT NOT NULL UNIQUE,
        doc_id         TEXT NOT NULL REFERENCES documents(id),
        clause_id      TEXT NOT NULL,
        section        TEXT NOT NULL,
        text           TEXT NOT NULL,
        deadline_text  TEXT,
        deadline_date  TEXT,
        targets        TEXT NOT NULL DEFAULT '[]', -- JSON array
        removed_at     TEXT
      );
      CREATE INDEX tasks_doc ON tasks(doc_id);

      CREATE TABLE task_agencies (
        task_id  TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        role     TEXT NOT NULL CHECK (role IN ('lead', 'coordinator')),
        ord      INTEGER NOT NULL,
        agency   TEXT NOT NULL,                  -- normalised agency name
        PRIMARY KEY (task_id, role, ord)
      );
      CREATE INDEX task_agencies_agency ON task_agencies(agency);

      CREATE TABLE agencies (
        id        INTEGER PRIMARY KEY,
        name      TEXT NOT NULL,
        province  TEXT NOT NULL DEFAULT '',      -- '' = any province
        UNIQUE (name, province)
      );

      CREATE TABLE agency_aliases (
        alias      TEXT NOT NULL,                -- folded lowercase alias
        province   TEXT NOT NULL DEFAULT '',
        agency_id  INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        PRIMARY KEY (alias, province)
      );

      CREATE TABLE users (
        id          INTEGER PRIMARY KEY,         -- Telegram user id
        name        TEXT,
        role        TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        created_at  TEXT NOT NULL
      );

      CREATE TABLE user_agencies (
        user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        agency   TEXT NOT NULL,
        PRIMARY KEY (user_id, agency)
      );

      CREATE TABLE access_requests (
        id            INTEGER PRIMARY KEY,
        user_id       INTEGER NOT NULL,
        name          TEXT,
        agency        TEXT NOT NULL,
        requested_at  TEXT NOT NULL,
        decided_at    TEXT,
        decided_by    INTEGER,
        decision      TEXT CHECK (decision IN ('approved', 'rejected'))
      );

      -- Append-only: one row per logged update, never edited.
      CREATE TABLE status_updates (
        id          INTEGER PRIMARY KEY,
        task_id     TEXT NOT NULL REFERENCES tasks(id),
        user_id     INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('chua_bat_dau', 'dang_thuc_hien', 'hoan_thanh', 'cham_tien_do', 'vuong_mac')),
        percent     INTEGER CHECK (percent BETWEEN 0 AND 100),
        note        TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX status_updates_task ON status_updates(task_id, id);
      CREATE TRIGGER status_updates_no_update BEFORE UPDATE ON status_updates
        BEGIN SELECT RAISE(ABORT, 'status_updates is append-only'); END;
      CREATE TRIGGER status_updates_no_delete BEFORE DELETE ON status_updates
        BEGIN SELECT RAISE(ABORT, 'status_updates is append-only'); END;

      -- Every status change and role change: who, when, before, after. No command edits it.
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor_id  INTEGER,
        action    TEXT NOT NULL,
        subject   TEXT NOT NULL,
        before    TEXT,                          -- JSON
        after     TEXT                           -- JSON
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE feedback (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        user_id   INTEGER,
        question  TEXT NOT NULL,
        doc_id    TEXT,
        section   TEXT,
        answer    TEXT,
        vote      INTEGER NOT NULL CHECK (vote IN (-1, 1))
      );
    `,
    postgres: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, issuer TEXT, number TEXT, date TEXT,
        province TEXT, year INTEGER, title TEXT, implements TEXT, kind TEXT, ingested_at TEXT NOT NULL
      );
      CREATE TABLE clauses (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        section TEXT NOT NULL, kind TEXT NOT NULL, label TEXT, breadcrumb TEXT NOT NULL, text TEXT NOT NULL,
        parent_id TEXT, ord INTEGER NOT NULL, depth INTEGER NOT NULL, columns TEXT
      );
      CREATE INDEX clauses_doc ON clauses(doc_id, ord);
      CREATE TABLE tasks (
        id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL REFERENCES documents(id),
        clause_id TEXT NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL, deadline_text TEXT, deadline_date TEXT,
        targets TEXT NOT NULL DEFAULT '[]', removed_at TEXT
      );
      CREATE INDEX tasks_doc ON tasks(doc_id);
      CREATE INDEX tasks_upper_id ON tasks(upper(id));
      CREATE TABLE task_agencies (
        task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('lead', 'coordinator')), ord INTEGER NOT NULL, agency TEXT NOT NULL,
        PRIMARY KEY (task_id, role, ord)
      );
      CREATE INDEX task_agencies_agency ON task_agencies(agency);
      CREATE TABLE agencies (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT NOT NULL, province TEXT NOT NULL DEFAULT '',
        UNIQUE (name, province)
      );
      CREATE TABLE agency_aliases (
        alias TEXT NOT NULL, province TEXT NOT NULL DEFAULT '',
        agency_id BIGINT NOT NULL REFERENCES agencies(id) ON DELETE CASCADE, PRIMARY KEY (alias, province)
      );
      CREATE TABLE users (
        id BIGINT PRIMARY KEY, name TEXT, role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')), created_at TEXT NOT NULL
      );
      CREATE TABLE user_agencies (
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE, agency TEXT NOT NULL, PRIMARY KEY (user_id, agency)
      );
      CREATE TABLE access_requests (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, user_id BIGINT NOT NULL, name TEXT, agency TEXT NOT NULL,
        requested_at TEXT NOT NULL, decided_at TEXT, decided_by BIGINT, decision TEXT CHECK (decision IN ('approved', 'rejected'))
      );
      CREATE TABLE status_updates (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, task_id TEXT NOT NULL REFERENCES tasks(id),
        user_id BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('chua_bat_dau', 'dang_thuc_hien', 'hoan_thanh', 'cham_tien_do', 'vuong_mac')),
        percent INTEGER CHECK (percent BETWEEN 0 AND 100), note TEXT, created_at TEXT NOT NULL
      );
      CREATE INDEX status_updates_task ON status_updates(task_id, id);
      CREATE TABLE audit_log (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, actor_id BIGINT, action TEXT NOT NULL,
        subject TEXT NOT NULL, before TEXT, after TEXT
      );
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END;
      $fn$;
      ${appendOnly('status_updates')}
      ${appendOnly('audit_log')}
      CREATE TABLE feedback (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, user_id BIGINT, question TEXT NOT NULL,
        doc_id TEXT, section TEXT, answer TEXT, vote INTEGER NOT NULL CHECK (vote IN (-1, 1))
      );
    `,
  },
  {
    version: 2,
    name: 'national documents, plan periods, agencies as written with their roles and successors',
    sql: `
      ALTER TABLE documents ADD COLUMN issuer_kind TEXT;
      ALTER TABLE documents ADD COLUMN scope TEXT;
      ALTER TABLE documents ADD COLUMN period_from INTEGER;
      ALTER TABLE documents ADD COLUMN period_to INTEGER;
      ALTER TABLE documents ADD COLUMN doc_type TEXT;
      -- Which parser read the file: a newer parser re-reads an unchanged file on the next ingest.
      ALTER TABLE documents ADD COLUMN parser_version INTEGER NOT NULL DEFAULT 1;

      CREATE TABLE task_agencies_v2 (
        task_id    TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        role       TEXT NOT NULL CHECK (role IN ('lead', 'coordinator', 'evaluator', 'report_to')),
        ord        INTEGER NOT NULL,
        agency     TEXT NOT NULL,                -- the name as the plan writes it
        canonical  TEXT NOT NULL,                -- its form in the alias table
        successor  TEXT,                         -- today's successor after the 2025 reorganisation, if any
        PRIMARY KEY (task_id, role, ord)
      );
      INSERT INTO task_agencies_v2 (task_id, role, ord, agency, canonical)
        SELECT task_id, role, ord, agency, agency FROM task_agencies;
      DROP TABLE task_agencies;
      ALTER TABLE task_agencies_v2 RENAME TO task_agencies;
      CREATE INDEX task_agencies_agency ON task_agencies(canonical);
    `,
    postgres: `
      ALTER TABLE documents ADD COLUMN issuer_kind TEXT, ADD COLUMN scope TEXT, ADD COLUMN period_from INTEGER,
        ADD COLUMN period_to INTEGER, ADD COLUMN doc_type TEXT, ADD COLUMN parser_version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE task_agencies DROP CONSTRAINT task_agencies_role_check;
      ALTER TABLE task_agencies ADD CONSTRAINT task_agencies_role_check CHECK (role IN ('lead', 'coordinator', 'evaluator', 'report_to'));
      ALTER TABLE task_agencies ADD COLUMN canonical TEXT, ADD COLUMN successor TEXT;
      UPDATE task_agencies SET canonical = agency;
      ALTER TABLE task_agencies ALTER COLUMN canonical SET NOT NULL;
      DROP INDEX task_agencies_agency;
      CREATE INDEX task_agencies_agency ON task_agencies(canonical);
    `,
  },
  {
    version: 3,
    name: 'OCR pages of scanned plans; plans retired by an administrator',
    sql: `
      ALTER TABLE documents ADD COLUMN ocr_pages INTEGER NOT NULL DEFAULT 0;
      -- Set when an administrator retires the plan (/xoavanban): its clauses leave the index,
      -- its tasks and their history stay, marked removed.
      ALTER TABLE documents ADD COLUMN retired_at TEXT;
    `,
    postgres: `
      ALTER TABLE documents ADD COLUMN ocr_pages INTEGER NOT NULL DEFAULT 0, ADD COLUMN retired_at TEXT;
    `,
  },
  {
    version: 4,
    name: 'reminders sent, and who turned reminders off',
    sql: `
      -- One row per reminder line sent (or being sent): the key names user, kind, task and period,
      -- so a restart or a second replica that computes the same reminder finds it claimed.
      CREATE TABLE reminders_sent (
        key      TEXT PRIMARY KEY,
        user_id  INTEGER NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('due', 'overdue', 'stale', 'digest')),
        task_id  TEXT,
        at       TEXT NOT NULL
      );
      CREATE INDEX reminders_sent_user ON reminders_sent(user_id, at);

      -- /nhacnho tat: present = no reminders for that user.
      CREATE TABLE reminder_optout (
        user_id  INTEGER PRIMARY KEY,
        at       TEXT NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE reminders_sent (
        key TEXT PRIMARY KEY, user_id BIGINT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('due', 'overdue', 'stale', 'digest')),
        task_id TEXT, at TEXT NOT NULL
      );
      CREATE INDEX reminders_sent_user ON reminders_sent(user_id, at);
      CREATE TABLE reminder_optout (user_id BIGINT PRIMARY KEY, at TEXT NOT NULL);
    `,
  },
  {
    version: 5,
    name: 'the keyword index moved out of the database into DATA_DIR/index/lexical',
    sql: `
      -- Derived data the retriever used to keep here; it now lives in segment files and is
      -- rebuilt from the clauses on the next start.
      DROP TABLE IF EXISTS retrieval_fts;
      DROP TABLE IF EXISTS retrieval_passages;
      DROP TABLE IF EXISTS retrieval_fingerprints;
      DROP TABLE IF EXISTS retrieval_terms;
      DROP TABLE IF EXISTS retrieval_documents;
      DROP TABLE IF EXISTS retrieval_meta;
    `,
    // The PostgreSQL store never held the keyword index.
    postgres: '',
  },
  {
    version: 6,
    name: "the order in which a user's agencies were granted, without SQLite's rowid",
    sql: `
      ALTER TABLE user_agencies ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;
      UPDATE user_agencies SET ord = rowid;
    `,
    postgres: `
      ALTER TABLE user_agencies ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 7,
    name: 'button memory and rate limits shared by every replica',
    sql: `
      -- What a button's short token stands for (an answer, a task list, a status choice):
      -- any replica can answer the press; rows older than a week are pruned.
      CREATE TABLE memos (
        token  TEXT PRIMARY KEY,
        kind   TEXT NOT NULL,
        value  TEXT NOT NULL,            -- JSON
        at     INTEGER NOT NULL          -- ms since the epoch
      );
      CREATE INDEX memos_at ON memos(at);
      -- Messages per user in the rate window, counted across replicas.
      CREATE TABLE rate_hits (
        user_id  INTEGER NOT NULL,
        at       INTEGER NOT NULL
      );
      CREATE INDEX rate_hits_user ON rate_hits(user_id, at);
      CREATE TABLE rate_warned (user_id INTEGER PRIMARY KEY);
    `,
    postgres: `
      CREATE TABLE memos (token TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, at BIGINT NOT NULL);
      CREATE INDEX memos_at ON memos(at);
      CREATE TABLE rate_hits (user_id BIGINT NOT NULL, at BIGINT NOT NULL);
      CREATE INDEX rate_hits_user ON rate_hits(user_id, at);
      CREATE TABLE rate_warned (user_id BIGINT PRIMARY KEY);
    `,
  },
];
