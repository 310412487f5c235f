import { START, type Position, type ReadPosition } from '@eventstore/db-client';

/**
 * Our global position is the event's `$all` commit position. Events appended over gRPC are each their own
 * commit record, so commit = prepare and the number alone identifies the event's place in `$all`.
 */
export const toGlobalPosition = (position: Position | undefined, eventId: string): number => {
  if (!position) {
    throw new Error(`EventStoreDB returned event ${eventId} without a log position (server older than 22.6?)`);
  }
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB log position ${position.commit} of event ${eventId} is not a usable global position`);
  }
  return Number(position.commit);
};

/** Where to start reading or subscribing to `$all`; no position (or -1) means the start of the log. */
export const toReadPosition = (globalPosition: number | null | undefined): ReadPosition =>
  globalPosition === null || globalPosition === undefined || globalPosition < 0
    ? START
    : { commit: BigInt(globalPosition), prepare: BigInt(globalPosition) };
