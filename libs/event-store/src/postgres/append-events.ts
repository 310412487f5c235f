import {
  GENESIS_HASH,
  matchesExpectedRevision,
  NO_STREAM_REVISION,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '@itsm/event-sourcing';
import { sealedOneByOne, type SealedEvent } from '../seal-events';
import type { EventLogSchema } from './event-log-schema';
import { canonicalDataOf, insertEventsStatement } from './event-rows';
import type { SqlExecutor, SqlSession } from './sql-executor.port';

/** Keeps each INSERT well below PostgreSQL's 65 535 bind parameters (13 per event). */
const EVENTS_PER_INSERT = 1000;
/** INSERTs of up to this many events are prepared (one statement per size); bigger, rarer ones are not kept. */
const PREPARED_EVENTS_PER_INSERT = 100;

export interface AppendRequest {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
  /** Signal the append on this LISTEN/NOTIFY channel (delivered at commit). */
  notifyChannel?: string;
}

export interface AppendOutcome {
  currentRevision: number;
  events: RecordedEvent[];
}

/*
 * Gap-free global order: the transaction takes one advisory lock per log just before it reads the stream head
 * and inserts, and keeps it until commit. Appends therefore draw their positions from the identity sequence
 * and commit in the same order, so whatever a reader sees is always a prefix of the final log (a rolled-back
 * append leaves a gap in the numbers, never a hole that fills later), and a numeric checkpoint never passes an
 * event that commits late. The xid8 / pg_snapshot_xmin technique (Emmett) orders by transaction id, which is
 * not position order, so a plain numeric checkpoint could skip a late event; Marten's high-water mark needs a
 * daemon and a wait. The price is that appends to one log commit one at a time, which group commit
 * (append-group.ts) pays once for many concurrent appends of a process. On PGlite the lock is skipped: its one
 * connection runs one transaction at a time, which gives the same order.
 *
 * Because the stream head is read under that lock, in a statement of its own (READ COMMITTED takes a fresh
 * snapshot per statement), it is exact; the unique (stream_id, stream_revision) constraint stays as the backstop
 * and is reported as the same conflict.
 *
 * Round trips: on a pipelined `pg` connection BEGIN, the lock and the head read leave together; the server
 * still runs them in order, so the head is read after the lock is granted. The INSERT, which also sends the
 * NOTIFY, then leaves together with COMMIT: two round trips per append, and the lock is held for one client
 * turnaround plus the INSERT and COMMIT. Statements are prepared once per connection.
 */

export const LOCK_STATEMENT = 'SELECT pg_advisory_xact_lock(hashtext($1))';

// The database clock, read under the lock, makes recorded_at non-decreasing in global order across processes.
const headStatement = (names: EventLogSchema) => `SELECT clock_timestamp() AS now, last.stream_revision, last.hash
   FROM (SELECT 1) AS one
   LEFT JOIN LATERAL (
     SELECT stream_revision, hash FROM ${names.events} WHERE stream_id = $1 ORDER BY stream_revision DESC LIMIT 1
   ) AS last ON true`;

const preparedNames = new Map<string, string>();
/** One name per distinct statement text in this process, as `pg` requires of prepared statements. */
export const prepareAs = (text: string): { prepareAs: string } => {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `itsm_event_store_${preparedNames.size + 1}`;
    preparedNames.set(text, name);
  }
  return { prepareAs: name };
};

interface AppendSteps {
  /** Take the log's append lock (not needed where transactions never overlap). */
  lock: boolean;
  /** Called right after the INSERTs are sent, before their answers arrive: commits in the same round trip, or not at all. */
  commit(): Promise<void>;
}

/** Appends inside the caller's transaction; the events become visible when it commits. */
export const appendInTransaction = (tx: SqlSession, names: EventLogSchema, request: AppendRequest): Promise<AppendOutcome> =>
  append(tx, names, request, { lock: true, commit: async () => undefined });

/** Appends in a transaction of its own, committed together with the INSERT. */
export const appendEvents = (executor: SqlExecutor, names: EventLogSchema, request: AppendRequest): Promise<AppendOutcome> =>
  executor.transaction((tx) =>
    append(tx, names, request, { lock: !executor.runsOneTransactionAtATime, commit: () => tx.commit() }),
  );

/**
 * Appends to several streams in ONE transaction: the lock taken once, each stream's head checked under it, all
 * or none committed (one refused expected revision rolls everything back). Positions follow the request order.
 * For imports: one commit for many streams instead of one each.
 */
export const appendEventsToStreams = (executor: SqlExecutor, names: EventLogSchema, requests: readonly AppendRequest[]): Promise<AppendOutcome[]> =>
  executor.transaction(async (tx) => {
    const outcomes: AppendOutcome[] = [];
    for (const [index, request] of requests.entries()) {
      const last = index === requests.length - 1;
      const steps = { lock: index === 0 && !executor.runsOneTransactionAtATime, commit: last ? () => tx.commit() : async () => undefined };
      outcomes.push(await append(tx, names, { ...request, notifyChannel: last ? request.notifyChannel : undefined }, steps));
    }
    return outcomes;
  });

const append = async (
  tx: SqlSession,
  names: EventLogSchema,
  request: AppendRequest,
  steps: AppendSteps,
): Promise<AppendOutcome> => {
  const { streamId, expectedRevision } = request;
  const headText = headStatement(names);
  // Sent without awaiting the lock, so they share a round trip; the server runs them in order.
  const [, [head]] = await Promise.all([
    steps.lock ? tx.query(LOCK_STATEMENT, [names.appendLockKey], prepareAs(LOCK_STATEMENT)) : undefined,
    tx.query<{ now: Date | string; stream_revision: number | null; hash: string | null }>(headText, [streamId], prepareAs(headText)),
  ]);
  const currentRevision = head.stream_revision === null ? NO_STREAM_REVISION : Number(head.stream_revision);
  if (!matchesExpectedRevision(expectedRevision, currentRevision)) {
    throw new WrongExpectedRevisionError(streamId, expectedRevision, currentRevision);
  }
  const sealed = sealedOneByOne(streamId, request.events, currentRevision, head.hash ?? GENESIS_HASH, new Date(head.now));
  const inserts = (await sendInsertsAsWritten(tx, names, sealed, request.events.length, request.notifyChannel)).map(({ chunk, inserted }) => ({
    chunk,
    inserted: insertOrConflict(inserted, streamId, expectedRevision, currentRevision),
  }));
  const committed = steps.commit();
  // Every answer is awaited in order below; these handlers only keep a later failure from going unhandled.
  [...inserts.map(({ inserted }) => inserted), committed].forEach((pending) => pending.catch(() => undefined));
  const events: RecordedEvent[] = [];
  for (const { chunk, inserted } of inserts) {
    const positions = new Map((await inserted).map((row) => [Number(row.stream_revision), Number(row.global_position)]));
    chunk.forEach((event) => events.push({ ...event, globalPosition: positions.get(event.streamRevision) as number }));
  }
  await committed;
  return { currentRevision, events };
};

/** Characters of canonical data per INSERT, about: a bigger append is sent in several (see `sendInsertsAsWritten`). */
const DATA_CHARS_PER_INSERT = 1 << 20;

const nextTurnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends an append's `count` events, sealed as they are taken, in INSERTs (at most `EVENTS_PER_INSERT` rows and about
 * `DATA_CHARS_PER_INSERT` characters of data each), each as soon as its rows are sealed and written, with a turn of the
 * event loop in between: the socket sends one while the next is written, and the server inserts one while the next
 * arrives (a period's statements are tens of MB). An
 * append of small events is one INSERT, sent at once. The last one signals `notifyChannel`. The answers are not
 * awaited; each has a handler, so that one failing while the next is written is not unhandled.
 */
const sendInsertsAsWritten = async (
  tx: SqlSession,
  names: EventLogSchema,
  sealed: Iterable<SealedEvent>,
  count: number,
  notifyChannel: string | undefined,
): Promise<{ chunk: SealedEvent[]; inserted: Promise<InsertedRow[]> }[]> => {
  const sent: { chunk: SealedEvent[]; inserted: Promise<InsertedRow[]> }[] = [];
  let chunk: SealedEvent[] = [];
  let characters = 0;
  let index = -1;
  for (const event of sealed) {
    index += 1;
    chunk.push(event);
    // The text its sealing wrote (no second serialization), as the INSERT sends it.
    characters += canonicalDataOf(event).length;
    const last = index === count - 1;
    if (!last && chunk.length < EVENTS_PER_INSERT && characters < DATA_CHARS_PER_INSERT) continue;
    if (sent.length > 0) await nextTurnOfTheEventLoop();
    const statement = insertEventsStatement(names.events, chunk, last ? notifyChannel : undefined);
    const inserted = tx.query<InsertedRow>(statement.text, statement.params, chunk.length <= PREPARED_EVENTS_PER_INSERT ? prepareAs(statement.text) : undefined);
    inserted.catch(() => undefined);
    sent.push({ chunk, inserted });
    chunk = [];
    characters = 0;
  }
  return sent;
};

/** Sealed events in INSERTs of at most `EVENTS_PER_INSERT` rows, in order. */
export const chunksForInsert = (sealed: readonly SealedEvent[]): SealedEvent[][] => {
  const chunks: SealedEvent[][] = [];
  for (let start = 0; start < sealed.length; start += EVENTS_PER_INSERT) chunks.push(sealed.slice(start, start + EVENTS_PER_INSERT));
  return chunks;
};

export interface InsertedRow {
  global_position: string | number;
  stream_id: string;
  stream_revision: number;
}

/**
 * Sends one INSERT per chunk without awaiting any (they share a round trip on a pipelined connection); the last
 * one signals `notifyChannel`. Small INSERTs are prepared, one statement per size.
 */
export const sendInserts = (
  tx: SqlSession,
  names: EventLogSchema,
  chunks: readonly SealedEvent[][],
  notifyChannel: string | undefined,
  guard: { onlyIfRecordedAfterTheLog?: boolean } = {},
): Promise<InsertedRow[]>[] =>
  chunks.map((chunk, index) => {
    const statement = insertEventsStatement(names.events, chunk, index === chunks.length - 1 ? notifyChannel : undefined, guard);
    const options = chunk.length <= PREPARED_EVENTS_PER_INSERT ? prepareAs(statement.text) : undefined;
    return tx.query<InsertedRow>(statement.text, statement.params, options);
  });

const UNIQUE_VIOLATION = '23505';
const STREAM_REVISION_CONSTRAINT = 'events_stream_revision_unique';

const insertOrConflict = async (
  inserted: Promise<InsertedRow[]>,
  streamId: string,
  expectedRevision: ExpectedRevision,
  currentRevision: number,
) => {
  try {
    return await inserted;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === UNIQUE_VIOLATION && constraint === STREAM_REVISION_CONSTRAINT) {
      // Only a writer that bypassed the append lock gets here; it has appended at least one event.
      throw new WrongExpectedRevisionError(streamId, expectedRevision, currentRevision + 1);
    }
    throw error;
  }
};
