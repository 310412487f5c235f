import { dumbo } from '@event-driven-io/dumbo';
import {
  getPostgreSQLEventStore,
  readMessagesBatch,
} from '@event-driven-io/emmett-postgresql';
import type { Event } from '@event-driven-io/emmett';
import type { NewEvent } from '@itsm/event-sourcing';
import { Pool } from 'pg';
import type { Contender } from '../contender';

/** Our envelope carried as Emmett metadata; Emmett keeps `messageId` as its own event id column. */
const toEmmettEvent = (event: NewEvent): Event =>
  ({
    type: event.type,
    data: event.data,
    metadata: {
      messageId: event.eventId,
      schemaVersion: event.schemaVersion ?? 1,
      ...event.metadata,
    },
  }) as Event;

/**
 * Emmett's PostgreSQL event store (stream positions 1-based: expected version = our revision + 1), on a `pg`
 * pool of the same size as ours that the bench owns: dumbo's own pool outlives `close()` (it is shared and
 * reference-counted), and dropping the scratch database would then kill it mid-flight.
 */
export const startEmmettPostgres = async (
  connectionString: string,
  poolSize: number,
): Promise<Contender> => {
  const pgPool = new Pool({ connectionString, max: poolSize });
  pgPool.on('error', () => undefined);
  const pool = dumbo({ connectionString, pool: pgPool });
  const store = getPostgreSQLEventStore(connectionString, {
    connectionOptions: { dumbo: pool },
  });
  await store.schema.migrate();
  return {
    name: 'Emmett',
    async append(
      streamId: string,
      events: readonly NewEvent[],
      expectedRevision: number,
    ) {
      await store.appendToStream(streamId, events.map(toEmmettEvent), {
        expectedStreamVersion: BigInt(expectedRevision + 1),
      });
    },
    async readStream(streamId: string) {
      return (await store.readStream(streamId)).events.length;
    },
    async readAllPage(afterPosition: number, maxCount: number) {
      const batch = await readMessagesBatch(pool.execute, {
        after: BigInt(afterPosition),
        batchSize: maxCount,
      });
      return {
        count: batch.messages.length,
        lastPosition: Number(batch.currentGlobalPosition),
      };
    },
    close: () => store.close().then(() => pgPool.end()),
  };
};
