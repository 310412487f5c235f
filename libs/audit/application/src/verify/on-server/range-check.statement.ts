import { GENESIS_HASH } from '@itsm/event-sourcing';

/** The ISO text `EVENT_COLUMNS` reads a timestamp as: what the client hashes, so what the server hashes too. */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The actor's RFC 8785 text, written from the jsonb for the shape every writer uses (`id`, optional `role` and
 * `via`; the keys are already in sorted order); a jsonb string's text is escaped as JSON.stringify escapes it. The
 * text must read back as the very actor (no other member), or the event counts as bad and the client checks it.
 */
const ACTOR_TEXT = `'{"id":' || (actor -> 'id')::text || coalesce(',"role":' || (actor -> 'role')::text, '') || coalesce(',"via":' || (actor -> 'via')::text, '') || '}'`;

/** sha256 as lower-case hex of a text's UTF-8 bytes. */
const hexSha256 = (text: string) => `encode(pg_catalog.sha256(textsend(${text})), 'hex')`;

/**
 * A `str` of the leaf layout: u32 byte length, then the UTF-8 bytes. `textsend` gives the bytes in the client
 * encoding without converting when it is the database's (UTF8 for `pg`); any other would give leaves unlike the
 * recorded ones, and the range would be checked by the client.
 */
const leafText = (text: string) => `int4send(octet_length(textsend(${text}))) || textsend(${text})`;

/**
 * Each event of `events` that `where` selects (a condition on its columns, optionally with ORDER BY and LIMIT), as
 * `global_position, stream_id, stream_revision, event_id, hash, hashed, data_differs, leaf`: the canonical JSON the
 * chain hash covers (HASHING.md §1), written from the columns with `data` as `canonical_data` (the text the appender
 * hashed); whether that text or the actor's no longer reads back as the jsonb the application reads (or is missing);
 * and the event's RFC 6962 leaf hash (§2).
 */
export const hashedEventsSql = (events: string, where: string): string => `
SELECT global_position, stream_id, stream_revision, event_id, hash, hashed, data_differs,
  pg_catalog.sha256('\\x0001'::bytea || int8send(global_position) || ${leafText('stream_id')} || int4send(stream_revision)
    || ${leafText('type')} || ${leafText('canonical_data')} || ${leafText('metadata')} || ${leafText('hash::text')}) AS leaf
FROM (
  SELECT global_position, stream_id, stream_revision, event_id, type, hash, canonical_data,
    canonical_data IS NULL OR canonical_data::jsonb <> data OR actor_text IS NULL OR actor_text::jsonb <> actor AS data_differs,
    before_data || ',"data":' || canonical_data || after_data || ',"streamId":' || to_json(stream_id)::text
      || ',"streamRevision":' || stream_revision || trace || ',"type":' || to_json(type)::text || '}' AS hashed,
    '{' || substr(before_data, 2) || after_data || trace || '}' AS metadata
  FROM (
    SELECT *,
      -- The members before "data", those between it and "streamId", and "traceparent" (the leaf's metadata has them all).
      '{"actor":' || actor_text || ',"causationId":' || coalesce(to_json(causation_id)::text, 'null')
        || ',"correlationId":' || to_json(correlation_id)::text AS before_data,
      ',"eventId":"' || event_id::text || '","occurredAt":"' || ${isoText('occurred_at')} || '","recordedAt":"' || ${isoText('recorded_at')}
        || '","schemaVersion":' || schema_version AS after_data,
      ',"traceparent":' || coalesce(to_json(traceparent)::text, 'null') AS trace
    FROM (SELECT *, ${ACTOR_TEXT} AS actor_text FROM ${events} WHERE ${where} OFFSET 0) AS range_events
    -- (each OFFSET 0 keeps a level's texts from being written again in every expression that uses them)
    OFFSET 0
  ) AS pieces
  OFFSET 0
) AS written
-- A level of its own: a caller that sorts the rows carries neither the data nor the texts twice.
OFFSET 0`;

/**
 * One statement that checks the events in ($1, $2] on the server, set-based, and answers one row (RangeCheckRow).
 *
 * For each event it writes the canonical JSON the chain hash covers (HASHING.md §1) from the columns, with `data`
 * as `canonical_data` (the text the appender hashed), and the leaf (§2), and hashes the leaf; then, in stream order,
 * recomputes the chain hash on the hash of the stream's event before it in the range (`lag`). An event is `bad`
 * when its chain or revision does not follow, when its canonical text is missing or no longer the jsonb `data`
 * holds, or when its actor has another shape: the caller then checks the whole range itself, event by event.
 *
 * The first event of each stream in the range is hashed on the stored hash of its stream's previous revision (the
 * genesis hash at revision 0); the caller accepts that only when it is the hash the verifier holds for the stream.
 * Leaves and positions come back in position order (the caller checks that order) for the caller to compare with
 * the recorded tree, with each stream's last event (its head after the range).
 */
export const rangeCheckStatement = (events: string): string => `
  SELECT count(*) AS count,
    min(global_position) FILTER (WHERE bad) AS first_bad,
    coalesce(string_agg(leaf, ''::bytea), ''::bytea) AS leaves,
    coalesce(string_agg(int8send(global_position), ''::bytea), ''::bytea) AS positions,
    coalesce(json_agg(json_build_array(global_position, stream_id, stream_revision, event_id, hash, link_hash, chain_hash))
      FILTER (WHERE link_hash IS NOT NULL), '[]') AS firsts,
    coalesce(json_agg(json_build_array(stream_id, stream_revision, hash)) FILTER (WHERE last_of_stream), '[]') AS heads
  FROM (
    -- Back in position order for the aggregates above: a sort of narrow rows.
    SELECT global_position, stream_id, stream_revision, event_id, hash, leaf, last_of_stream, link_hash, chain_hash,
      hashed IS NULL OR data_differs OR chain_hash IS NULL OR chain_hash <> hash
        OR (previous_hash IS NOT NULL AND previous_revision <> stream_revision - 1) AS bad
    FROM (
      SELECT *, ${hexSha256('coalesce(previous_hash, link_hash) || hashed')} AS chain_hash
      FROM (
        SELECT *,
          CASE
            WHEN previous_hash IS NOT NULL THEN NULL
            WHEN stream_revision = 0 THEN '${GENESIS_HASH}'
            ELSE (SELECT earlier.hash FROM ${events} AS earlier
                   WHERE earlier.stream_id = linked.stream_id AND earlier.stream_revision = linked.stream_revision - 1 LIMIT 1)
          END AS link_hash
        FROM (
          -- In stream order: each event's predecessor in the range.
          SELECT global_position, stream_id, stream_revision, event_id, hash, hashed, leaf, data_differs,
            lag(hash) OVER stream_order AS previous_hash,
            lag(stream_revision) OVER stream_order AS previous_revision,
            lead(global_position) OVER stream_order IS NULL AS last_of_stream
          FROM (
            ${hashedEventsSql(events, 'global_position > $1 AND global_position <= $2')}
          ) AS hashed_events
          -- Any order groups a stream's events: the bytewise one spares the collation's comparisons.
          WINDOW stream_order AS (PARTITION BY stream_id COLLATE "C" ORDER BY global_position)
        ) AS linked
        -- The link is looked up once per stream's first event (not pulled up into each use of it).
        OFFSET 0
      ) AS with_links
    ) AS chained
    ORDER BY global_position
  ) AS checked`;

/** The one row `rangeCheckStatement` answers. */
export interface RangeCheckRow {
  count: string | number;
  /** The first event the server could not vouch for, or null. */
  first_bad: string | number | null;
  /** 32 bytes per event, in position order. */
  leaves: Buffer;
  /** 8 bytes (big-endian) per event, in position order. */
  positions: Buffer;
  /** [position, streamId, revision, eventId, hash, previousHash, chainHash] of each stream's first event, in position order. */
  firsts: [number, string, number, string, string, string, string][];
  /** [streamId, revision, hash] of each stream's last event. */
  heads: [string, number, string][];
}
