import { newId, streamName, waitUntil } from '@itsm/event-sourcing';
import { createPgliteEventStore, createPgliteExecutor, openPglite } from '@itsm/event-store';
import { createInProcessMessageBus, EventRelay } from '@itsm/messaging';
import { ProjectionRuntime, streamHeadsProjection } from '@itsm/projections';
import { followEventTopics } from './follow-event-topics';

const anEvent = (type: string) => ({ type, data: {}, metadata: { actor: { id: 'spec' }, correlationId: newId() } });

describe('projections fed from the message bus (the distributed projector path)', () => {
  it('projects what the relay publishes, across contexts, as the log holds it', async () => {
    const pglite = await openPglite();
    const db = createPgliteExecutor(pglite, { ownsDatabase: true });
    const store = await createPgliteEventStore({ db: pglite });
    const bus = createInProcessMessageBus();
    // A topic prefix on both sides, as ITSM_TOPIC_PREFIX gives the relay and the projections of one environment.
    const relay = new EventRelay({ store, bus, executor: db, topicPrefix: 'staging.' });
    const runtime = await ProjectionRuntime.create({ db, source: store, projections: [streamHeadsProjection], liveSource: 'pushed' });
    await runtime.start();
    const subscription = await followEventTopics(bus, runtime, 'projector-spec', 'staging.');
    await relay.start();
    try {
      const incident = streamName('incident');
      const service = streamName('service');
      await store.appendToStream(incident, [anEvent('IncidentOpened'), anEvent('IncidentAssigned')], { expectedRevision: 'no-stream' });
      await store.appendToStream(service, [anEvent('ServiceRegistered')], { expectedRevision: 'no-stream' });
      await store.appendToStream(incident, [anEvent('IncidentResolved')], { expectedRevision: 1 });

      let lastRead: unknown;
      const heads = await waitUntil(
        () => `both stream heads, the incident's at revision 2; last read: ${JSON.stringify(lastRead)}`,
        async () => {
          const rows = await db.query<{ stream_id: string; last_revision: number; last_event_type: string }>(
            `SELECT stream_id, last_revision, last_event_type FROM ${runtime.tablesOf(streamHeadsProjection).stream_heads} ORDER BY stream_id`,
          );
          lastRead = rows;
          return rows.length === 2 && rows.some((row) => row.stream_id === incident && Number(row.last_revision) === 2) && rows;
        },
        15_000,
      );
      expect(heads.map((row) => [row.stream_id, Number(row.last_revision), row.last_event_type]).sort()).toEqual(
        [
          [incident, 2, 'IncidentResolved'],
          [service, 0, 'ServiceRegistered'],
        ].sort(),
      );
    } finally {
      await relay.stop();
      await subscription.stop();
      await runtime.stop();
      await bus.close();
      await store.close();
      await db.close();
    }
  });
});
