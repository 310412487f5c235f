import { canonicalJson, type StoredEventTexts } from '@itsm/audit-domain';
import { CANONICAL_DATA_CONSTRAINT, eventLogSchema, type SqlSession } from '@itsm/event-store';

/*
 * The log's events read with the texts their appender hashed (`canonical_data`, HASHING.md §1): what verification
 * and the checkpointer hash, with no event parsed and serialized again.
 */

export interface CanonicalTextRow {
  global_position: string | number;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  canonical_data: string | null;
  /** The jsonb's text (its keys in jsonb's order): parsed and written canonically here. */
  actor: string;
  correlation_id: string;
  causation_id: string | null;
  traceparent: string | null;
  occurred_at: string;
  recorded_at: string;
  hash: string;
  vouched: boolean | null;
}

/** The ISO text `EVENT_COLUMNS` reads a timestamp as: what the parsed path hashes, so what this one hashes too. */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Whether the server itself keeps every row's `canonical_data` reading back as its `data`: the check constraint of
 * event-store migration 6, present and validated (so every row satisfies it; disabling the append-only trigger
 * does not lift it). Someone who dropped it, or added it back unvalidated, may have changed `data` apart from its
 * text meanwhile: readers then compare each row.
 */
export const serverKeepsDataCanonical = async (db: SqlSession, schema?: string): Promise<boolean> => {
  const { schema: schemaName } = eventLogSchema(schema);
  const [row] = await db.query<{ definition: string }>(
    `SELECT pg_get_constraintdef(constraint_row.oid) AS definition
       FROM pg_constraint AS constraint_row
       JOIN pg_class AS table_row ON table_row.oid = constraint_row.conrelid
       JOIN pg_namespace AS schema_row ON schema_row.oid = table_row.relnamespace
      WHERE schema_row.nspname = $1 AND table_row.relname = 'events' AND constraint_row.conname = $2 AND constraint_row.convalidated`,
    [schemaName, CANONICAL_DATA_CONSTRAINT],
  );
  return row !== undefined && /^CHECK \(\(\(canonical_data IS NULL\) OR \(\(canonical_data\)::jsonb = data\)\)\)$/.test(row.definition);
};

/**
 * Events as stored (`where`: a condition on the columns, with ORDER BY and LIMIT if wanted): plain columns, the
 * server only reads (writing the canonical members in SQL cost it three times the read). `vouched`: the row has its
 * canonical text, and that text reads back as the jsonb `data` holds — kept by the server's constraint when
 * `dataKeptCanonical`, else compared here at one jsonb parse per row (a text that is not JSON then fails the
 * statement, and the caller reads those events parsed).
 */
export const canonicalTextStatement = (events: string, where: string, dataKeptCanonical: boolean) => `
  SELECT global_position, stream_id, stream_revision, event_id, type, schema_version, canonical_data, actor::text AS actor,
    correlation_id, causation_id, traceparent, ${isoText('occurred_at')} AS occurred_at, ${isoText('recorded_at')} AS recorded_at, hash,
    ${vouchedColumn(dataKeptCanonical)} AS vouched
  FROM ${events} WHERE ${where}`;

/** Whether a row's stored text vouches for it (see `canonicalTextStatement`). */
export const vouchedColumn = (dataKeptCanonical: boolean) => `coalesce(canonical_data IS NOT NULL ${dataKeptCanonical ? '' : 'AND canonical_data::jsonb = data'}, false)`;

/**
 * A function of a text, remembering its results for at most `kept` texts (then starting afresh): for the actors, as a
 * log has few of them, each written on many events.
 */
export const rememberedByText = <V>(compute: (text: string) => V, kept = 10_000): ((text: string) => V) => {
  const results = new Map<string, V>();
  return (text) => {
    let result = results.get(text);
    if (result === undefined) {
      result = compute(text);
      if (results.size >= kept) results.clear();
      results.set(text, result);
    }
    return result;
  };
};

/** The canonical JSON of an actor, from its jsonb text. */
export const canonicalActor = rememberedByText((jsonbText) => canonicalJson(JSON.parse(jsonbText)));

/**
 * A stored row that the server vouched for, as the hasher takes it: `data` the stored canonical text, the actor
 * written canonically (its jsonb text is not), the rest plain columns.
 */
export const storedTextsOfRow = (row: CanonicalTextRow): StoredEventTexts => ({
  globalPosition: Number(row.global_position),
  streamId: row.stream_id,
  streamRevision: Number(row.stream_revision),
  eventId: row.event_id,
  type: row.type,
  hash: row.hash,
  data: row.canonical_data ?? 'null',
  actor: canonicalActor(row.actor),
  causationId: row.causation_id,
  correlationId: row.correlation_id,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  schemaVersion: row.schema_version,
  traceparent: row.traceparent,
});

/** Whether the row's stored texts can vouch for it (see `canonicalTextStatement`). */
export const vouchedFor = (row: CanonicalTextRow): boolean => row.vouched === true && row.canonical_data !== null;
