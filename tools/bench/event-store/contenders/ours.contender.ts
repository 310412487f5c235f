import type { PGlite } from '@electric-sql/pglite';
import type { ExpectedRevision, NewEvent } from '@itsm/event-sourcing';
import {
  createPgliteEventStore,
  createPostgresEventStore,
  type EventStore,
} from '@itsm/event-store';
import type { Contender } from '../contender';

const toExpectedRevision = (revision: number): ExpectedRevision =>
  revision === -1 ? 'no-stream' : revision;

const asContender = (store: EventStore): Contender => ({
  name: 'ours',
  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: number,
  ) {
    await store.appendToStream(streamId, [...events], {
      expectedRevision: toExpectedRevision(expectedRevision),
    });
  },
  async readStream(streamId: string) {
    return (await store.readStream(streamId)).length;
  },
  async readAllPage(afterPosition: number, maxCount: number) {
    const { events, lastPosition } = await store.readAll({
      fromPosition: afterPosition,
      maxCount,
    });
    return { count: events.length, lastPosition };
  },
  close: () => store.close(),
});

/** Our store with its defaults (pool of 10, schema `event_store`). */
export const startOursPostgres = async (
  connectionString: string,
): Promise<Contender> =>
  asContender(await createPostgresEventStore({ connectionString }));

/** In memory, like the raw PGlite contender. */
export const startOursPglite = async (): Promise<Contender> =>
  asContender(await createPgliteEventStore());

/** Creates our events table (our migrations) where the raw contender then writes without the store. */
export const createOurSchemaPostgres = async (
  connectionString: string,
): Promise<void> =>
  (await createPostgresEventStore({ connectionString, poolSize: 1 })).close();

export const createOurSchemaPglite = async (db: PGlite): Promise<void> =>
  (await createPgliteEventStore({ db })).close();
