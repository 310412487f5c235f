import { eventLogSchema } from '../postgres/event-log-schema';
import type { SqlSession } from '../postgres/sql-executor.port';

/** The key table in a backup: without it a restored log would read every personal field as erased. */
export interface SubjectKeysDump {
  /** The HMAC key of subject references (base64), or null when none was made yet. */
  secret: string | null;
  /** Each key; `dataKey` (base64) is null for an erased subject's key, which stays erased after a restore. */
  keys: { keyId: string; subjectRef: string; dataKey: string | null; createdAt: string; erasedAt: string | null }[];
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export const dumpSubjectKeys = async (db: SqlSession, schema?: string): Promise<SubjectKeysDump> => {
  const names = eventLogSchema(schema);
  const [secret] = await db.query<{ secret: string }>(`SELECT encode(secret, 'base64') AS secret FROM ${names.subjectRefSecret} WHERE id = 1`);
  const rows = await db.query<{ key_id: string; subject_ref: string; data_key: string | null; created_at: Date | string; erased_at: Date | string | null }>(
    `SELECT key_id, subject_ref, encode(data_key, 'base64') AS data_key, created_at, erased_at FROM ${names.subjectKeys} ORDER BY created_at, key_id`,
  );
  return {
    secret: secret?.secret.replace(/\s/g, '') ?? null,
    keys: rows.map((row) => ({
      keyId: row.key_id,
      subjectRef: row.subject_ref,
      dataKey: row.data_key?.replace(/\s/g, '') ?? null,
      createdAt: iso(row.created_at) as string,
      erasedAt: iso(row.erased_at),
    })),
  };
};

/** Writes a dump back (a restore into a new log): keys already there are kept, the secret is the dump's. */
export const restoreSubjectKeys = async (db: SqlSession, dump: SubjectKeysDump, schema?: string): Promise<number> => {
  const names = eventLogSchema(schema);
  if (dump.secret !== null) {
    await db.query(
      `INSERT INTO ${names.subjectRefSecret} (id, secret) VALUES (1, decode($1, 'base64')) ON CONFLICT (id) DO UPDATE SET secret = EXCLUDED.secret`,
      [dump.secret],
    );
  }
  if (dump.keys.length === 0) return 0;
  const rows = await db.query(
    `INSERT INTO ${names.subjectKeys} (key_id, subject_ref, data_key, created_at, erased_at)
     SELECT k.key_id, k.subject_ref, decode(k.data_key, 'base64'), k.created_at, k.erased_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS k(key_id, subject_ref, data_key, created_at, erased_at)
     ON CONFLICT (key_id) DO NOTHING
     RETURNING key_id`,
    [
      dump.keys.map((key) => key.keyId),
      dump.keys.map((key) => key.subjectRef),
      dump.keys.map((key) => key.dataKey),
      dump.keys.map((key) => key.createdAt),
      dump.keys.map((key) => key.erasedAt),
    ],
  );
  return rows.length;
};
