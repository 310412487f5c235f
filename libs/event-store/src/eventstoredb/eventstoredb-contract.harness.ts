import { EventStoreDBClient, type JSONEventData } from '@eventstore/db-client';
import { newEventId, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import type { EventStoreContractHarness } from '../testing/event-store-contract.harness';
import { toEsdbConnectionString } from './esdb-connection-string';
import { toEsdbEventData } from './esdb-envelope';
import { createEventStoreDbEventStore } from './eventstoredb-event-store.adapter';

/**
 * A forgery as a writer bypassing the store would make it: a copy of `original`'s envelope, hash included,
 * carrying other data under a new id. Appended next in the stream, it cannot match the hash chain.
 */
export const forgedEventData = (original: RecordedEvent, data: unknown): JSONEventData =>
  toEsdbEventData({ ...original, eventId: newEventId(), data });

/** Appends a forged copy of the stream's last event straight through the EventStoreDB client. */
export const appendForgedEvent = async (client: EventStoreDBClient, store: EventStore, streamId: string, data: unknown): Promise<void> => {
  const events = await store.readStream(streamId);
  const last = events[events.length - 1];
  if (!last) throw new Error(`No event in ${streamId} to forge`);
  await client.appendToStream(streamId, forgedEventData(last, data), { expectedRevision: BigInt(last.streamRevision) });
};

/**
 * Contract harness on an EventStoreDB server. Cases isolate themselves by random stream prefixes; their
 * events stay in the server's log (it is append-only), so point it at a throwaway node.
 */
export const eventStoreDbContractHarness = async (connectionString: string): Promise<EventStoreContractHarness> => {
  const stores: EventStore[] = [];
  const open = async (): Promise<EventStore> => {
    const store = createEventStoreDbEventStore({ connectionString });
    stores.push(store);
    await store.ping();
    return store;
  };
  const raw = EventStoreDBClient.connectionString(toEsdbConnectionString(connectionString));
  return {
    store: await open(),
    reopen: open,
    async tamperWithEvent(streamId: string, revision: number): Promise<void> {
      // No client operation (nor admin one) rewrites a stored event in place; only editing chunk files would.
      throw new Error(
        `EventStoreDB cannot alter ${streamId}@${revision} in place: its log is immutable. ` +
          'Forged events appended behind the store are covered by the EventStoreDB-specific case instead.',
      );
    },
    async dispose(): Promise<void> {
      await Promise.all(stores.map((store) => store.close()));
      await raw.dispose();
    },
  };
};
