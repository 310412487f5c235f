import { NO_STREAM, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import { NO_STREAM_REVISION, type ExpectedRevision } from '@itsm/event-sourcing';

/**
 * Every append names the exact revision its events were sealed against (NO_STREAM for an empty stream):
 * a looser native expectation (ANY, STREAM_EXISTS) would let a concurrent write slip in between and fork
 * the hash chain. The caller's own expectation is checked against that same revision first.
 */
export const toEsdbAppendRevision = (sealedAgainst: number): AppendExpectedRevision =>
  sealedAgainst === NO_STREAM_REVISION ? NO_STREAM : BigInt(sealedAgainst);

/** EventStoreDB's "current revision" as ours: -1 when the stream has no events. */
export const fromEsdbCurrentRevision = (current: CurrentRevision | AppendExpectedRevision): number =>
  typeof current === 'bigint' && current >= 0n ? Number(current) : NO_STREAM_REVISION;

/**
 * A conflict only means "read again and re-seal" when the caller's expectation can still hold after
 * someone else's append: `any`, and `stream-exists` (a stream never stops existing in our log).
 */
export const retriesAfterConflict = (expected: ExpectedRevision): boolean =>
  expected === 'any' || expected === 'stream-exists';
