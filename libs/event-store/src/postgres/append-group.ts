import {
  GENESIS_HASH,
  matchesExpectedRevision,
  NO_STREAM_REVISION,
  WrongExpectedRevisionError,
  type RecordedEvent,
} from '@itsm/event-sourcing';
import { sealEvents, type SealedEvent } from '../seal-events';
import { chunksForInsert, LOCK_STATEMENT, prepareAs, sendInserts, type AppendOutcome, type AppendRequest } from './append-events';
import type { EventLogSchema } from './event-log-schema';
import type { Settlement } from './group-commit';
import type { SqlExecutor } from './sql-executor.port';

export type AppendSettlement = Settlement<AppendOutcome>;

interface StreamHead {
  revision: number;
  hash: string;
}

/**
 * The heads of many streams in one statement, with the database clock read once, after the lock is granted
 * (a CTE runs once; `now()` would be the time of BEGIN, before the wait for the lock).
 */
const headsStatement = (names: EventLogSchema) => `WITH clock AS (SELECT clock_timestamp() AS now)
  SELECT clock.now, wanted.stream_id, last.stream_revision, last.hash
    FROM clock, unnest($1::text[]) AS wanted(stream_id)
    LEFT JOIN LATERAL (
      SELECT stream_revision, hash FROM ${names.events} WHERE stream_id = wanted.stream_id ORDER BY stream_revision DESC LIMIT 1
    ) AS last ON true`;

interface HeadRow {
  now: Date | string;
  stream_id: string;
  stream_revision: number | null;
  hash: string | null;
}

const positionKey = (streamId: string, revision: number) => `${revision}:${streamId}`;

/** Another process's clock ran ahead: the group inserted nothing (its empty transaction committed); retried alone. */
class GroupRecordedBeforeTheLogError extends Error {
  constructor() {
    super('The log has an event recorded after this group was sealed; nothing was inserted');
    this.name = 'GroupRecordedBeforeTheLogError';
  }
}

/**
 * Several callers' appends in ONE transaction under the log's one append lock (group commit): the heads of their
 * streams read in one statement, then each append checked against its own expected revision in arrival order (an
 * earlier append of the group moves the head a later one sees, so two appends to one stream chain like two
 * transactions would). A refused append gets its own `WrongExpectedRevisionError` and adds nothing; the others
 * are inserted and committed together, at consecutive positions in arrival order. Throws (and the transaction
 * rolls back) only when the database refuses the group: the caller then retries each append alone, so such a
 * failure reaches only the append that causes it.
 *
 * The heads (and the clock) are read BEFORE the lock, which is taken with the INSERT and held only while the server
 * inserts and commits, never across a client round trip. That is exact because the log is append-only: the head
 * read (revision N, hash H) exists for good, so if revision N + 1 is still free when the INSERT runs under the lock,
 * the head is still N and the chain link to H is right; if another writer took it meanwhile, the unique
 * (stream_id, stream_revision) constraint refuses the group, which is then retried append by append (each under
 * the lock from its head read on, as before). A refusal decided on the head read stays true: that head was
 * committed while the caller waited. The clock read before the lock is kept only if no event already in the log
 * was recorded later (the INSERT's guard), so recorded_at stays non-decreasing in position order.
 */
export const appendGroup = (
  executor: SqlExecutor,
  names: EventLogSchema,
  requests: readonly AppendRequest[],
  notifyChannel: string | undefined,
): Promise<AppendSettlement[]> =>
  executor.transaction(async (tx) => {
    const streamIds = [...new Set(requests.map((request) => request.streamId))];
    const headsText = headsStatement(names);
    // Read before the lock: the lock is then held only while the server inserts and commits (see above).
    const rows = await tx.query<HeadRow>(headsText, [streamIds], prepareAs(headsText));
    const recordedAt = new Date(rows[0].now);
    const heads = new Map<string, StreamHead>(
      rows.map((row) => [
        row.stream_id,
        { revision: row.stream_revision === null ? NO_STREAM_REVISION : Number(row.stream_revision), hash: row.hash ?? GENESIS_HASH },
      ]),
    );

    const accepted: { index: number; currentRevision: number; sealed: SealedEvent[] }[] = [];
    const settlements: AppendSettlement[] = requests.map((request, index) => {
      const head = heads.get(request.streamId) as StreamHead;
      if (!matchesExpectedRevision(request.expectedRevision, head.revision)) {
        return { error: new WrongExpectedRevisionError(request.streamId, request.expectedRevision, head.revision) };
      }
      try {
        const sealed = sealEvents(request.streamId, request.events, head.revision, head.hash, recordedAt);
        const last = sealed[sealed.length - 1];
        accepted.push({ index, currentRevision: head.revision, sealed });
        if (last) heads.set(request.streamId, { revision: last.streamRevision, hash: last.hash });
        return { outcome: { currentRevision: head.revision, events: [] } };
      } catch (error) {
        // Events that cannot be sealed (hashed) fail their own append only.
        return { error };
      }
    });

    const sealed = accepted.flatMap((append) => append.sealed);
    const chunks = chunksForInsert(sealed);
    // Sent without awaiting the lock, so they share a round trip; the server runs them in order.
    const locked = chunks.length > 0 && !executor.runsOneTransactionAtATime ? tx.query(LOCK_STATEMENT, [names.appendLockKey], prepareAs(LOCK_STATEMENT)) : undefined;
    const inserts = sendInserts(tx, names, chunks, notifyChannel, { onlyIfRecordedAfterTheLog: true });
    const committed = tx.commit();
    // Every answer is awaited in order below; these handlers only keep a later failure from going unhandled.
    [locked ?? committed, ...inserts, committed].forEach((pending) => pending.catch(() => undefined));
    await locked;
    const positions = new Map<string, number>();
    for (const inserted of inserts) {
      for (const row of await inserted) positions.set(positionKey(row.stream_id, Number(row.stream_revision)), Number(row.global_position));
    }
    await committed;
    if (positions.size !== sealed.length) throw new GroupRecordedBeforeTheLogError();

    for (const { index, currentRevision, sealed } of accepted) {
      const events: RecordedEvent[] = sealed.map((event) => ({
        ...event,
        globalPosition: positions.get(positionKey(event.streamId, event.streamRevision)) as number,
      }));
      settlements[index] = { outcome: { currentRevision, events } };
    }
    return settlements;
  });
