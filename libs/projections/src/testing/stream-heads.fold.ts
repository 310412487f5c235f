import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';

/**
 * The audit projection's expected rows, folded from the log in plain code, independently of the projection's SQL:
 * what a rebuilt or live table must equal.
 */
export const foldStreamHeadsFromLog = (events: readonly RecordedEvent[]) => {
  const streams = new Map<string, { type: string; revision: number; eventId: string; position: number; at: string; count: number }>();
  const types = new Map<string, number>();
  for (const event of events) {
    const previous = streams.get(event.streamId);
    streams.set(event.streamId, {
      type: event.type,
      revision: event.streamRevision,
      eventId: event.eventId,
      position: event.globalPosition,
      at: new Date(event.recordedAt).toISOString(),
      count: (previous?.count ?? 0) + 1,
    });
    types.set(event.type, (types.get(event.type) ?? 0) + 1);
  }
  return {
    streamHeads: [...streams.entries()]
      .map(([streamId, head]) => ({ streamId, ...head }))
      .sort((a, b) => a.streamId.localeCompare(b.streamId)),
    typeCounts: [...types.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type)),
  };
};

/** The same shape read back from the tables. */
export const readStreamHeadsTables = async (db: SqlSession, tables: { stream_heads: string; event_type_counts: string }) => {
  const heads = await db.query<{
    stream_id: string;
    last_event_type: string;
    last_revision: number;
    last_event_id: string;
    last_position: string | number;
    last_event_at: Date;
    event_count: number;
  }>(`SELECT * FROM ${tables.stream_heads}`);
  const counts = await db.query<{ event_type: string; event_count: string | number }>(`SELECT * FROM ${tables.event_type_counts}`);
  return {
    streamHeads: heads
      .map((row) => ({
        streamId: row.stream_id,
        type: row.last_event_type,
        revision: Number(row.last_revision),
        eventId: row.last_event_id,
        position: Number(row.last_position),
        at: new Date(row.last_event_at).toISOString(),
        count: Number(row.event_count),
      }))
      .sort((a, b) => a.streamId.localeCompare(b.streamId)),
    typeCounts: counts
      .map((row) => ({ type: row.event_type, count: Number(row.event_count) }))
      .sort((a, b) => a.type.localeCompare(b.type)),
  };
};
