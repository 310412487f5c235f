import type { SqlExecutor } from '@itsm/event-store';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export const DEFAULT_AUDIT_SCHEMA = 'audit';

/** Quoted names of the audit tables in one schema (default `audit`), beside the event log. */
export interface AuditTables {
  schema: string;
  /** One row: the tree's size, the global position of its last leaf, its right edge and last leaf hash. */
  state: string;
  /** The tree's hashes in tiles of 256: level L holds the nodes of tree level 8·L (C2SP tlog-tiles). */
  tiles: string;
  /** Runs of leaves whose positions follow each other: leaf index ↔ global position. */
  leafRuns: string;
  /** Every signed checkpoint, by tree size. */
  checkpoints: string;
  /** Results of `itsm verify` and the background verification, newest last. */
  verifications: string;
  migrationLockKey: string;
}

export const auditTables = (schema: string = DEFAULT_AUDIT_SCHEMA): AuditTables => {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid audit schema name "${schema}": use lower-case letters, digits and _`);
  return {
    schema,
    state: `"${schema}".merkle_state`,
    tiles: `"${schema}".merkle_tiles`,
    leafRuns: `"${schema}".merkle_leaf_runs`,
    checkpoints: `"${schema}".checkpoints`,
    verifications: `"${schema}".verification_runs`,
    migrationLockKey: `itsm-audit:${schema}:migrate`,
  };
};

/**
 * Creates the audit tables (idempotent), under a transaction-scoped advisory lock so processes starting together
 * take turns. These tables are never rebuilt from the log: the checkpoints and the tree they sign are evidence
 * about the log, and rebuilding them from a tampered log would launder the tampering.
 */
export const migrateAuditSchema = async (db: SqlExecutor, tables: AuditTables): Promise<void> => {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [tables.migrationLockKey]);
    await tx.exec(`
      CREATE SCHEMA IF NOT EXISTS "${tables.schema}";
      CREATE TABLE IF NOT EXISTS ${tables.state} (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        tree_size bigint NOT NULL,
        last_position bigint NOT NULL,
        edge bytea NOT NULL,
        last_leaf bytea,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${tables.tiles} (
        level smallint NOT NULL,
        index bigint NOT NULL,
        hashes bytea NOT NULL,
        PRIMARY KEY (level, index)
      );
      CREATE TABLE IF NOT EXISTS ${tables.leafRuns} (
        first_leaf bigint PRIMARY KEY,
        first_position bigint NOT NULL UNIQUE,
        length integer NOT NULL CHECK (length > 0)
      );
      CREATE TABLE IF NOT EXISTS ${tables.checkpoints} (
        tree_size bigint PRIMARY KEY,
        root_hash bytea NOT NULL,
        last_position bigint NOT NULL,
        signed_at timestamptz NOT NULL,
        key_name text NOT NULL,
        key_id text NOT NULL,
        note text NOT NULL,
        copied_at timestamptz
      );
      CREATE TABLE IF NOT EXISTS ${tables.verifications} (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        ok boolean NOT NULL,
        source text NOT NULL,
        result jsonb NOT NULL
      );
    `);
  });
};
