import { describeEventStoreContract } from '../testing';
import { createInMemoryEventStore, type InMemoryEventStore } from './in-memory-event-store';

/** The in-memory store keeps its events as objects: "storage" access is reaching into them. */
describeEventStoreContract(
  'in memory',
  async () => {
    const store = createInMemoryEventStore();
    return {
      store,
      reopen: async () => store,
      async tamperWithEvent(streamId, revision, data) {
        const [event] = await store.readStream(streamId, { fromRevision: revision, toRevision: revision });
        (event as { data: unknown }).data = data;
        return { tamperedRevision: revision };
      },
      dispose: () => (store as InMemoryEventStore).close(),
    };
  },
  { multiStreamAppend: true, importEvents: true, headPosition: true },
);
