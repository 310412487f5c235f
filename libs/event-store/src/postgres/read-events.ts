import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventFilter, ReadAllOptions, ReadAllResult, ReadStreamOptions, RecordedEventJson } from '../event-store.port';
import { prepareAs } from './append-events';
import type { EventLogSchema } from './event-log-schema';
import {
  EVENT_COLUMNS,
  EVENT_JSON_COLUMNS,
  toRecordedEvent,
  toRecordedEventJson,
  type EventJsonRow,
  type EventRow,
} from './event-rows';
import type { SqlSession } from './sql-executor.port';

export const readStreamEvents = async (
  db: SqlSession,
  names: EventLogSchema,
  streamId: string,
  { fromRevision = 0, toRevision, asOf }: ReadStreamOptions = {},
): Promise<RecordedEvent[]> => {
  const { text, prepared } = readStreamStatement(names);
  const rows = await db.query<EventRow>(text, [streamId, fromRevision, toRevision ?? null, asOf?.toISOString() ?? null], prepared);
  return rows.map(toRecordedEvent);
};

/** Every GET of a single resource reads its stream: prepared once per connection, not parsed and planned each time. */
const readStreamStatements = new WeakMap<EventLogSchema, { text: string; prepared: { prepareAs: string } }>();
const readStreamStatement = (names: EventLogSchema) => {
  let statement = readStreamStatements.get(names);
  if (!statement) {
    const text = readStreamText(names);
    statement = { text, prepared: prepareAs(text) };
    readStreamStatements.set(names, statement);
  }
  return statement;
};

const readStreamText = (names: EventLogSchema): string =>
  `SELECT ${EVENT_COLUMNS} FROM ${names.events}
      WHERE stream_id = $1 AND stream_revision >= $2
        AND ($3::integer IS NULL OR stream_revision <= $3::integer)
        AND ($4::timestamptz IS NULL OR recorded_at <= $4::timestamptz)
      ORDER BY stream_revision`;

/** What a `readAll` page holds: the columns it selects and how a row becomes an event. */
interface RowShape<Row, Event extends { globalPosition: number }> {
  columns: string;
  toEvent: (row: Row) => Event;
}

const PARSED: RowShape<EventRow, RecordedEvent> = { columns: EVENT_COLUMNS, toEvent: toRecordedEvent };
const AS_JSON_TEXT: RowShape<EventJsonRow, RecordedEventJson> = { columns: EVENT_JSON_COLUMNS, toEvent: toRecordedEventJson };

/** A page of the log and how far it reaches; `ReadAllResult` is this of parsed events. */
export interface LogPage<Event> {
  events: Event[];
  lastPosition: number;
}

const filterParams = (filter: EventFilter | undefined) => ({
  types: filter?.types?.length ? filter.types : null,
  prefixes: filter?.streamPrefixes?.length ? filter.streamPrefixes : null,
});

/**
 * Without a filter, the page alone says how far the log goes: positions become visible in order
 * (append-events.ts), so a page that is not full holds every visible event after `after`, and the last one is
 * the head; an empty page means nothing after `after` is visible yet. So this is the plain index range scan,
 * with neither a head lookup nor a re-sort.
 */
const readAllUnfiltered = async <Row, Event extends { globalPosition: number }>(
  db: SqlSession,
  names: EventLogSchema,
  shape: RowShape<Row, Event>,
  after: number,
  maxCount: number | undefined,
): Promise<LogPage<Event>> => {
  const rows = await db.query<Row>(
    `SELECT ${shape.columns} FROM ${names.events}
      WHERE global_position > $1::bigint
      ORDER BY global_position
      LIMIT $2::bigint`,
    [after, maxCount ?? null],
  );
  const events = rows.map(shape.toEvent);
  return { events, lastPosition: events.length > 0 ? events[events.length - 1].globalPosition : after };
};

/** The log's last position, 0 when empty, as `position`: one backward step on the primary key. */
const lastPositionQuery = (names: EventLogSchema): string => `SELECT coalesce(max(global_position), 0) AS position FROM ${names.events}`;

/**
 * With a filter, one statement, hence one snapshot, returns both the page and the log's head: when the page is
 * not full, everything up to the head has been seen, and because positions become visible in order
 * (append-events.ts) nothing at or below the head can still appear later.
 */
const readAllFiltered = async <Row, Event extends { globalPosition: number }>(
  db: SqlSession,
  names: EventLogSchema,
  shape: RowShape<Row, Event>,
  after: number,
  maxCount: number | undefined,
  { types, prefixes }: ReturnType<typeof filterParams>,
): Promise<LogPage<Event>> => {
  const rows = await db.query<Row & { head: string | number; global_position: unknown }>(
    `SELECT head.position AS head, page.*
       FROM (${lastPositionQuery(names)}) AS head
       LEFT JOIN LATERAL (
         SELECT ${shape.columns} FROM ${names.events}
          WHERE global_position > $1::bigint
            AND ($2::text[] IS NULL OR type = ANY ($2::text[]))
            AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS prefix WHERE starts_with(stream_id, prefix)))
          ORDER BY global_position
          LIMIT $4::bigint
       ) AS page ON true
      ORDER BY page.global_position`,
    [after, types, prefixes, maxCount ?? null],
  );
  const head = Number(rows[0].head);
  const events = rows.filter((row) => row.global_position !== null).map(shape.toEvent);
  const pageIsFull = maxCount !== undefined && events.length >= maxCount;
  const lastPosition = pageIsFull ? events[events.length - 1].globalPosition : Math.max(after, head);
  return { events, lastPosition };
};

const readPage = async <Row, Event extends { globalPosition: number }>(
  db: SqlSession,
  names: EventLogSchema,
  shape: RowShape<Row, Event>,
  { fromPosition = 0, maxCount, filter }: ReadAllOptions,
): Promise<LogPage<Event>> => {
  const after = Math.max(fromPosition, 0);
  if (maxCount !== undefined && maxCount <= 0) return { events: [], lastPosition: after };
  const filterValues = filterParams(filter);
  return filterValues.types === null && filterValues.prefixes === null
    ? readAllUnfiltered(db, names, shape, after, maxCount)
    : readAllFiltered(db, names, shape, after, maxCount, filterValues);
};

/** The last position (0 when empty). Positions become visible in order (append-events.ts): nothing at or below it can still appear. */
export const readLastPosition = async (db: SqlSession, names: EventLogSchema): Promise<number> => {
  const [row] = await db.query<{ position: string | number }>(lastPositionQuery(names));
  return Number(row.position);
};

export const readAllEvents = (db: SqlSession, names: EventLogSchema, options: ReadAllOptions = {}): Promise<ReadAllResult> =>
  readPage(db, names, PARSED, options);

/** `readAllEvents` with data and actor as the stored JSON text (`data::text`): the relay forwards them unparsed. */
export const readAllEventsJson = (
  db: SqlSession,
  names: EventLogSchema,
  options: ReadAllOptions = {},
): Promise<LogPage<RecordedEventJson>> => readPage(db, names, AS_JSON_TEXT, options);
