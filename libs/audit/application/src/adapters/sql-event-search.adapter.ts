import type { RecordedEvent } from '@itsm/event-sourcing';
import { EVENT_COLUMNS, eventLogSchema, toRecordedEvent, type EventLogSchema, type EventRow, type SqlSession } from '@itsm/event-store';

/** What an auditor searches the log by (GET /api/v1/audit/events); every filter given must hold. */
export interface EventSearch {
  streamId?: string;
  type?: string;
  /** The actor's id (`actor.id` of the envelope). */
  actor?: string;
  correlationId?: string;
  /** Recorded at or after (inclusive). */
  from?: Date;
  /** Recorded before (exclusive). */
  to?: Date;
  /** Global position of the last event of the previous page. */
  after?: number;
  limit: number;
}

/**
 * Reads the log's own table for what the EventStore port does not offer: the auditors' event search and the
 * stream that carries a record number. Indexed by event-store migration 3 (actor, correlation id, recording
 * time, number) besides the stream and type indexes the log always had. PostgreSQL and PGlite only: with the log
 * in EventStoreDB these answers need a projection (not built yet).
 */
export class SqlEventLogQueries {
  private readonly names: EventLogSchema;

  /**
   * `reveal` decrypts personal fields (`PersonalDataVault.reveal`: erased subjects' fields read as `[erased]`); the
   * rows themselves hold the ciphertext. Without it the events come back as stored.
   */
  constructor(
    private readonly db: SqlSession,
    schema?: string,
    private readonly reveal: (events: RecordedEvent[]) => Promise<RecordedEvent[]> = async (events) => events,
  ) {
    this.names = eventLogSchema(schema);
  }

  /** Events that match, oldest first (by global position), `limit` at most. */
  async search(query: EventSearch): Promise<RecordedEvent[]> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.names.events}
        WHERE global_position > $1::bigint
          AND ($2::text IS NULL OR stream_id = $2::text)
          AND ($3::text IS NULL OR type = $3::text)
          AND ($4::text IS NULL OR actor->>'id' = $4::text)
          AND ($5::text IS NULL OR correlation_id = $5::text)
          AND ($6::timestamptz IS NULL OR recorded_at >= $6::timestamptz)
          AND ($7::timestamptz IS NULL OR recorded_at < $7::timestamptz)
        ORDER BY global_position
        LIMIT $8::bigint`,
      [
        query.after ?? 0,
        query.streamId ?? null,
        query.type ?? null,
        query.actor ?? null,
        query.correlationId ?? null,
        query.from?.toISOString() ?? null,
        query.to?.toISOString() ?? null,
        query.limit,
      ],
    );
    return this.reveal(rows.map(toRecordedEvent));
  }

  /** Events by id (the unique index of the log), as stored apart from personal fields (see `reveal`). */
  async eventsById(eventIds: readonly string[]): Promise<RecordedEvent[]> {
    const rows = await this.db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM ${this.names.events} WHERE event_id = ANY ($1::uuid[]) ORDER BY global_position`, [eventIds]);
    return this.reveal(rows.map(toRecordedEvent));
  }

  /** The stream whose first event carries this number (`INC0000042`, `SVC0000001`, `CHG…`), or null. */
  async streamOfNumber(number: string): Promise<string | null> {
    const [row] = await this.db.query<{ stream_id: string }>(
      `SELECT stream_id FROM ${this.names.events} WHERE stream_revision = 0 AND data->>'number' = $1 ORDER BY global_position LIMIT 1`,
      [number],
    );
    return row?.stream_id ?? null;
  }
}
