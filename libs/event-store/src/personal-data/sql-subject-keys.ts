import { randomBytes, randomUUID } from 'node:crypto';
import type { EventLogSchema } from '../postgres/event-log-schema';
import type { SqlExecutor } from '../postgres/sql-executor.port';
import { newDataKey } from './field-cipher';
import type { DataKey, LiveDataKey, SubjectKeys } from './subject-keys.port';

/**
 * The key table's DDL, in the log's schema: the event store's migration 4 runs it (PostgreSQL server, embedded
 * PostgreSQL, PGlite: the same SQL), and an EventStoreDB log runs it on its SQL database (`IF NOT EXISTS`).
 * - `subject_keys`: one row per data key; `data_key` is set to NULL when the subject is erased (the row stays, so
 *   later events of a stream whose subject was erased still find the subject's reference and get a fresh key);
 *   at most one live key per subject.
 * - `subject_ref_secret`: one row, the HMAC key of subject references.
 */
export const subjectKeysDdl = ({ subjectKeys, subjectRefSecret }: EventLogSchema): string => `
  CREATE TABLE IF NOT EXISTS ${subjectKeys} (
    key_id uuid PRIMARY KEY,
    subject_ref text NOT NULL,
    data_key bytea CHECK (data_key IS NULL OR octet_length(data_key) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    erased_at timestamptz
  );
  CREATE UNIQUE INDEX IF NOT EXISTS subject_keys_live_subject_idx ON ${subjectKeys} (subject_ref) WHERE data_key IS NOT NULL;
  CREATE TABLE IF NOT EXISTS ${subjectRefSecret} (
    id smallint PRIMARY KEY CHECK (id = 1),
    secret bytea NOT NULL
  );
`;

interface KeyRow {
  key_id: string;
  subject_ref: string;
  data_key: Buffer | Uint8Array | null;
}

const toDataKey = (row: KeyRow): DataKey => ({
  keyId: row.key_id,
  subjectRef: row.subject_ref,
  key: row.data_key === null ? null : Buffer.from(row.data_key),
});

/** The key table on the log's SQL database (server or PGlite). */
export class SqlSubjectKeys implements SubjectKeys {
  constructor(
    private readonly db: SqlExecutor,
    private readonly names: EventLogSchema,
  ) {}

  async keyForSubject(subjectRef: string): Promise<LiveDataKey> {
    const { subjectKeys } = this.names;
    // Insert-or-read in one statement; when another process inserts the subject's key at the same moment, the
    // insert does nothing and this statement's snapshot may not see that key yet, so it is read again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const rows = await this.db.query<KeyRow>(
        `WITH inserted AS (
           INSERT INTO ${subjectKeys} (key_id, subject_ref, data_key) VALUES ($1, $2, $3)
           ON CONFLICT (subject_ref) WHERE data_key IS NOT NULL DO NOTHING
           RETURNING key_id, subject_ref, data_key
         )
         SELECT key_id, subject_ref, data_key FROM inserted
         UNION ALL
         SELECT key_id, subject_ref, data_key FROM ${subjectKeys} WHERE subject_ref = $2 AND data_key IS NOT NULL
         LIMIT 1`,
        [randomUUID(), subjectRef, newDataKey()],
      );
      if (rows[0]) return toDataKey(rows[0]) as LiveDataKey;
    }
    throw new Error(`No data key could be created or read for subject ${subjectRef}`);
  }

  async keysById(keyIds: readonly string[]): Promise<Map<string, DataKey>> {
    if (keyIds.length === 0) return new Map();
    const rows = await this.db.query<KeyRow>(
      `SELECT key_id, subject_ref, data_key FROM ${this.names.subjectKeys} WHERE key_id = ANY ($1::uuid[])`,
      [keyIds],
    );
    return new Map(rows.map((row) => [row.key_id, toDataKey(row)]));
  }

  async eraseSubject(subjectRef: string): Promise<number> {
    const rows = await this.db.query<{ key_id: string }>(
      `WITH erased AS (
         UPDATE ${this.names.subjectKeys} SET data_key = NULL, erased_at = now()
          WHERE subject_ref = $1 AND data_key IS NOT NULL RETURNING key_id
       )
       SELECT key_id, pg_notify($2, $1) FROM erased`,
      [subjectRef, this.names.erasureChannel],
    );
    // The old row versions hold the key until VACUUM reclaims them: do it now rather than at autovacuum's leisure.
    if (rows.length > 0) await this.db.exec(`VACUUM ${this.names.subjectKeys}`).catch(() => undefined);
    return rows.length;
  }

  async subjectRefSecret(): Promise<Buffer> {
    const rows = await this.db.query<{ secret: Buffer | Uint8Array }>(
      `WITH inserted AS (
         INSERT INTO ${this.names.subjectRefSecret} (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING secret
       )
       SELECT secret FROM inserted UNION ALL SELECT secret FROM ${this.names.subjectRefSecret} WHERE id = 1 LIMIT 1`,
      [randomBytes(32)],
    );
    if (rows[0]) return Buffer.from(rows[0].secret);
    const [row] = await this.db.query<{ secret: Buffer | Uint8Array }>(`SELECT secret FROM ${this.names.subjectRefSecret} WHERE id = 1`);
    return Buffer.from(row.secret);
  }

  get onErased(): SubjectKeys['onErased'] {
    const listen = this.db.listen?.bind(this.db);
    if (!listen) return undefined;
    return (listener) => listen(this.names.erasureChannel, listener);
  }
}
