import { subjectKeysDdl } from '../personal-data/sql-subject-keys';
import type { EventLogSchema } from './event-log-schema';

export interface Migration {
  version: number;
  name: string;
  sql(names: EventLogSchema): string;
}

/** The check that `canonical_data` reads back as `data` (migration 6): readers look it up in the catalog. */
export const CANONICAL_DATA_CONSTRAINT = 'events_canonical_data_is_data';

/** Applied in order, each once per schema. Never edit a released migration: add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events table',
    sql: ({ events }) => `
      CREATE TABLE ${events} (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id text NOT NULL,
        stream_revision integer NOT NULL CHECK (stream_revision >= 0),
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        actor jsonb NOT NULL,
        correlation_id text NOT NULL,
        causation_id text,
        traceparent text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, stream_revision)
      );
      CREATE INDEX events_type_position_idx ON ${events} (type, global_position);
    `,
  },
  {
    version: 2,
    name: 'append-only guard',
    sql: ({ schema, events }) => `
      CREATE FUNCTION "${schema}".refuse_event_rewrite() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'the event log is append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING HINT = 'Correct history by appending a compensating event.';
      END
      $fn$;
      CREATE TRIGGER events_refuse_update_delete BEFORE UPDATE OR DELETE ON ${events}
        FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_event_rewrite();
      CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON ${events}
        FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".refuse_event_rewrite();
    `,
  },
  {
    version: 3,
    name: 'audit search indexes',
    // The auditors' event search (GET /api/v1/audit/events) filters by actor, correlation id and recording time, and
    // `itsm audit INC…` finds a stream by the number its first event carries. BRIN suits recorded_at: it grows with
    // the position, so the index is a few pages and costs appends next to nothing.
    sql: ({ events }) => `
      CREATE INDEX events_actor_position_idx ON ${events} ((actor->>'id'), global_position);
      CREATE INDEX events_correlation_position_idx ON ${events} (correlation_id, global_position);
      CREATE INDEX events_recorded_at_brin_idx ON ${events} USING brin (recorded_at);
      CREATE INDEX events_record_number_idx ON ${events} ((data->>'number')) WHERE stream_revision = 0;
    `,
  },
  {
    version: 4,
    name: 'data subject keys',
    // Personal fields are encrypted per data subject (libs/event-store/src/personal-data); erasing a subject deletes
    // its key material here, never an event. Not append-only on purpose: this table is what erasure changes.
    sql: (names) => subjectKeysDdl(names),
  },
  {
    version: 5,
    name: 'canonical data text',
    // The RFC 8785 text of `data` the appender hashed, beside the jsonb (whose text is not canonical: it orders keys
    // by length). With it the server re-computes every chain hash and audit leaf set-based (`itsm verify` on
    // PostgreSQL) instead of shipping each event to be parsed and re-serialized. Null for events written before:
    // those are checked by the client. Adding a nullable column rewrites nothing.
    sql: ({ events }) => `ALTER TABLE ${events} ADD COLUMN canonical_data text;`,
  },
  {
    version: 6,
    name: 'canonical data is the data',
    // Every row's canonical text reads back as its jsonb, checked by the server on every write (and once over the
    // rows already there). Readers that hash the canonical text (`itsm verify`, the audit checkpointer) then need
    // not compare each row themselves while the constraint stands validated; the append-only trigger being
    // disabled does not lift it. Costs an append one more parse of its data on the server.
    sql: ({ events }) =>
      `ALTER TABLE ${events} ADD CONSTRAINT ${CANONICAL_DATA_CONSTRAINT} CHECK (canonical_data IS NULL OR canonical_data::jsonb = data);`,
  },
  {
    version: 7,
    name: 'large events compressed with lz4',
    // An event over ~2 kB (a period's statements: tens of MB per publish) is compressed when stored; lz4 does it
    // several times faster than the default pglz, in both directions. Only new values; a server built without lz4
    // (PGlite) keeps pglz.
    sql: ({ events }) => `DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
          EXECUTE 'ALTER TABLE ${events} ALTER COLUMN data SET COMPRESSION lz4, ALTER COLUMN canonical_data SET COMPRESSION lz4';
        END IF;
      END $$;`,
  },
];
