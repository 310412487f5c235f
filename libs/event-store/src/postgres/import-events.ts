import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventLogSchema } from './event-log-schema';
import type { SqlExecutor } from './sql-executor.port';
import { canonicalDataOf, storedCanonicalText } from './event-rows';

export class ImportOutOfOrderError extends Error {
  constructor(position: number, head: number) {
    super(`Cannot import the event at position ${position}: the log already reaches position ${head}, and imported events go after its head`);
    this.name = 'ImportOutOfOrderError';
  }
}

/** One INSERT per batch: each column travels as one array parameter (a constant number of parameters). */
const importStatement = (names: EventLogSchema) => `
  INSERT INTO ${names.events} (global_position, stream_id, stream_revision, event_id, type, schema_version, data, actor,
    correlation_id, causation_id, traceparent, occurred_at, recorded_at, hash, canonical_data)
  OVERRIDING SYSTEM VALUE
  SELECT position, stream_id, stream_revision, event_id, type, schema_version, data::jsonb, actor::jsonb,
    correlation_id, causation_id, traceparent, occurred_at, recorded_at, hash, ${storedCanonicalText('data')}
  FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::uuid[], $5::text[], $6::integer[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::text[])
    AS imported(position, stream_id, stream_revision, event_id, type, schema_version, data, actor,
      correlation_id, causation_id, traceparent, occurred_at, recorded_at, hash)`;

/**
 * Writes recorded events back exactly as they were (positions, revisions, times, hashes): restoring a backup.
 * Under the append lock, in one transaction; every event must come after the log's head, in position order.
 * The position sequence is then moved past the last one, so later appends continue the log.
 */
export const importRecordedEvents = async (executor: SqlExecutor, names: EventLogSchema, events: readonly RecordedEvent[]): Promise<void> => {
  if (events.length === 0) return;
  await executor.transaction(async (tx) => {
    if (!executor.runsOneTransactionAtATime) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [names.appendLockKey]);
    const [{ head }] = await tx.query<{ head: string | number | null }>(`SELECT max(global_position) AS head FROM ${names.events}`);
    let previous = head === null ? 0 : Number(head);
    for (const event of events) {
      if (event.globalPosition <= previous) throw new ImportOutOfOrderError(event.globalPosition, previous);
      previous = event.globalPosition;
    }
    const column = <T>(pick: (event: RecordedEvent) => T) => events.map(pick);
    await tx.query(importStatement(names), [
      column((event) => event.globalPosition),
      column((event) => event.streamId),
      column((event) => event.streamRevision),
      column((event) => event.eventId),
      column((event) => event.type),
      column((event) => event.schemaVersion),
      column((event) => canonicalDataOf(event)),
      column((event) => JSON.stringify(event.actor)),
      column((event) => event.correlationId),
      column((event) => event.causationId),
      column((event) => event.traceparent),
      column((event) => event.occurredAt),
      column((event) => event.recordedAt),
      column((event) => event.hash),
    ]);
    await tx.query(`SELECT setval(pg_get_serial_sequence($1, 'global_position'), $2::bigint)`, [names.events, previous]);
    await tx.commit();
  });
};
