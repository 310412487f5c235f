import type { ExpectedRevision, NewEvent } from '@itsm/event-sourcing';
import * as eventStoreLib from '@itsm/event-store';
import type { EventStore } from '@itsm/event-store';
import type { Contender, ContenderFactory } from '../contender';

/** The factories libs/event-store exports for its PostgreSQL and PGlite adapters. */
interface OurFactories {
  createPostgresEventStore(options: { connectionString: string; schema?: string }): Promise<EventStore>;
  createPgliteEventStore(options: { dataDir?: string }): Promise<EventStore>;
}

// Looked up by name so the bench still runs (and says why ours is missing) while the adapter is being written.
const factories = eventStoreLib as unknown as Partial<OurFactories>;

const toExpectedRevision = (revision: number): ExpectedRevision => (revision === -1 ? 'no-stream' : revision);

const asContender = (store: EventStore): Contender => ({
  name: 'ours',
  async append(streamId: string, events: readonly NewEvent[], expectedRevision: number) {
    await store.appendToStream(streamId, [...events], { expectedRevision: toExpectedRevision(expectedRevision) });
  },
  async readStream(streamId: string) {
    return (await store.readStream(streamId)).length;
  },
  async readAllPage(afterPosition: number, maxCount: number) {
    const { events, lastPosition } = await store.readAll({ fromPosition: afterPosition, maxCount });
    return { count: events.length, lastPosition };
  },
  close: () => store.close(),
});

const notExported = (name: keyof OurFactories) => `${name} is not exported by @itsm/event-store yet`;

export const oursOnPostgres = (): ContenderFactory<string> => {
  const create = factories.createPostgresEventStore;
  return create
    ? { name: 'ours', start: async (connectionString) => asContender(await create({ connectionString })) }
    : { name: 'ours', skipped: notExported('createPostgresEventStore') };
};

/** In memory (no dataDir), like the raw PGlite contender. */
export const oursOnPglite = (): ContenderFactory<void> => {
  const create = factories.createPgliteEventStore;
  return create
    ? { name: 'ours', start: async () => asContender(await create({})) }
    : { name: 'ours', skipped: notExported('createPgliteEventStore') };
};
