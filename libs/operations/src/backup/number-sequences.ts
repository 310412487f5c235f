import type { SqlSession } from '@itsm/event-store';
import type { SequenceValue } from './backup-format';

/**
 * The database's free-standing sequences (incident and service numbers) with how far they have gone. Sequences
 * owned by a column (the log's positions, identity columns) are left out: they follow their tables.
 */
export const readNumberSequences = (db: SqlSession): Promise<SequenceValue[]> =>
  db.query<SequenceValue>(
    `SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value::text AS "lastValue"
       FROM pg_sequences s
       JOIN pg_class c ON c.relname = s.sequencename
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname
      WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')
        AND s.last_value IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
      ORDER BY 1, 2`,
  );

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Creates each sequence where missing and moves it to where the backup left it, so no number is handed out twice. */
export const restoreNumberSequences = async (db: SqlSession, sequences: readonly SequenceValue[]): Promise<void> => {
  for (const { schema, name, lastValue } of sequences) {
    const qualified = `${quoted(schema)}.${quoted(name)}`;
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoted(schema)}; CREATE SEQUENCE IF NOT EXISTS ${qualified} AS bigint START 1`);
    await db.query('SELECT setval($1::regclass, $2::bigint, true)', [qualified, lastValue]);
  }
};
