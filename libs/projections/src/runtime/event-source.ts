import type { EventFilter, EventStore } from '@itsm/event-store';
import type { Projection } from '../projection';

/** The part of the event store a projection runtime reads (live batches when the store offers them). */
export type ProjectionEventSource = Pick<EventStore, 'readAll' | 'subscribeToAll'> & Partial<Pick<EventStore, 'subscribeToAllBatches'>>;

/** A type no event has: a read filtered on it returns no events, only how far the log goes. */
const HEAD_PROBE_TYPE = '$itsm.projections.head-probe';

/**
 * The log's head position: the store's own answer where it has one, else through `readAll` alone: a filtered read
 * that matches nothing reports the position up to which it looked (on a SQL store whose statistics are stale, a
 * scan of the whole log, which is why the SQL stores answer `headPosition`).
 */
export const readHeadPosition = async (source: Pick<EventStore, 'readAll'> & Partial<Pick<EventStore, 'headPosition'>>): Promise<number> =>
  source.headPosition ? source.headPosition() : (await source.readAll({ fromPosition: -1, maxCount: 1, filter: { types: [HEAD_PROBE_TYPE] } })).lastPosition;

export const filterOf = (projection: Projection): EventFilter | undefined =>
  projection.eventTypes.length > 0 ? { types: [...projection.eventTypes] } : undefined;
