import { describe, expect, it } from '@jest/globals';
import { aNewEvent, uniquePrefix, type HarnessAccess } from './contract-helpers';

export const appendAndReadCases = (harness: HarnessAccess): void => {
  describe('append and read', () => {
    it('records the full envelope and reads the stream back exactly as appended', async () => {
      const { store } = harness();
      const streamId = `${uniquePrefix('envelope')}1`;
      const occurredAt = new Date('2025-03-04T05:06:07.089Z');
      const detailed = aNewEvent('IncidentOpened', { title: 'Mail down', tags: ['p1', 'mail'], nested: { n: 1.5 } }, {
        eventId: '01950000-0000-7000-8000-000000000001',
        schemaVersion: 2,
        occurredAt,
        metadata: {
          actor: { id: 'agent-7', role: 'service-desk', via: 'web' },
          correlationId: 'corr-1',
          causationId: 'cause-1',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        },
      });
      const minimal = aNewEvent('IncidentAssigned', ['an', 'array', 'payload']);

      const result = await store.appendToStream(streamId, [detailed, minimal], { expectedRevision: 'no-stream' });

      expect(result.nextExpectedRevision).toBe(1);
      expect(result.events.map((event) => event.streamRevision)).toEqual([0, 1]);
      expect(result.lastGlobalPosition).toBe(result.events[1].globalPosition);
      expect(result.events[1].globalPosition).toBeGreaterThan(result.events[0].globalPosition);
      expect(result.events[0]).toMatchObject({
        eventId: '01950000-0000-7000-8000-000000000001',
        type: 'IncidentOpened',
        schemaVersion: 2,
        streamId,
        occurredAt: occurredAt.toISOString(),
        actor: { id: 'agent-7', role: 'service-desk', via: 'web' },
        correlationId: 'corr-1',
        causationId: 'cause-1',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        data: { title: 'Mail down', tags: ['p1', 'mail'], nested: { n: 1.5 } },
      });
      expect(result.events[1]).toMatchObject({ schemaVersion: 1, causationId: null, traceparent: null, data: ['an', 'array', 'payload'] });
      expect(result.events[1].eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(result.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.readStream(streamId)).toEqual(result.events);
    });

    it('reads a revision range (both ends inclusive), and an unknown stream as empty', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('range');
      const streamId = `${prefix}1`;
      await store.appendToStream(streamId, [0, 1, 2, 3, 4].map((n) => aNewEvent('Counted', { n })), { expectedRevision: 'no-stream' });

      const middle = await store.readStream(streamId, { fromRevision: 1, toRevision: 3 });
      const tail = await store.readStream(streamId, { fromRevision: 3 });

      expect(middle.map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(tail.map((event) => event.streamRevision)).toEqual([3, 4]);
      expect(await store.readStream(`${prefix}missing`)).toEqual([]);
    });

    it('continues a stream across appends with contiguous revisions', async () => {
      const { store } = harness();
      const streamId = `${uniquePrefix('continue')}1`;
      await store.appendToStream(streamId, [aNewEvent(), aNewEvent()], { expectedRevision: 'no-stream' });
      const second = await store.appendToStream(streamId, [aNewEvent()], { expectedRevision: 1 });

      expect(second.nextExpectedRevision).toBe(2);
      expect((await store.readStream(streamId)).map((event) => event.streamRevision)).toEqual([0, 1, 2]);
    });
  });
};
