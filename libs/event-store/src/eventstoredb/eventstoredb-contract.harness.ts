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

/**
 * Appends, straight through the EventStoreDB client, a forged copy of the stream's event at `revision`
 * carrying other data; returns the revision the forgery landed at.
 */
export const appendForgedEvent = async (
  client: EventStoreDBClient,
  store: EventStore,
  streamId: string,
  revision: number,
  data: unknown,
): Promise<number> => {
  const events = await store.readStream(streamId);
  const original = events[revision];
  const last = events[events.length - 1];
  if (!original || !last) throw new Error(`No event ${streamId}@${revision} to forge`);
  await client.appendToStream(streamId, forgedEventData(original, data), { expectedRevision: BigInt(last.streamRevision) });
  return last.streamRevision + 1;
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
    // No client (nor admin) operation rewrites a stored event in place; a forgery appended behind the store is
    // what raw access to EventStoreDB allows.
    async tamperWithEvent(streamId: string, revision: number, data: unknown) {
      return { tamperedRevision: await appendForgedEvent(raw, stores[0], streamId, revision, data) };
    },
    async dispose(): Promise<void> {
      await Promise.all(stores.map((store) => store.close()));
      await raw.dispose();
    },
  };
};
