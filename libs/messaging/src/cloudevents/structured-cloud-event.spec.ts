import { HTTP } from 'cloudevents';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { toStructuredCloudEvent } from './structured-cloud-event';

const event: RecordedEvent = {
  eventId: '0190f3a4-2222-7222-8333-944445555666',
  type: 'ServiceRegistered',
  schemaVersion: 2,
  streamId: 'service-0190f3a4-1111-7222-8333-944445555666',
  streamRevision: 0,
  globalPosition: 42,
  occurredAt: '2026-03-02T09:30:00.000Z',
  recordedAt: '2026-03-02T09:30:00.010Z',
  actor: { id: 'admin-1' },
  correlationId: 'corr-1',
  causationId: null,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  hash: 'h',
  data: { name: 'Email' },
};

describe('toStructuredCloudEvent (a webhook body)', () => {
  it('carries the attributes the Kafka headers carry, in one JSON object, without null attributes', () => {
    expect(toStructuredCloudEvent(event)).toEqual({
      specversion: '1.0',
      id: event.eventId,
      source: '/itsm/catalog',
      type: 'itsm.catalog.ServiceRegistered.v2',
      subject: event.streamId,
      time: event.occurredAt,
      datacontenttype: 'application/json',
      data: { name: 'Email' },
      sequence: '42',
      correlationid: 'corr-1',
      traceparent: event.traceparent,
    });
  });

  it('is read as it is by the official CloudEvents SDK (structured mode over HTTP)', () => {
    const body = JSON.stringify(toStructuredCloudEvent(event));
    const read = HTTP.toEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body });
    expect(Array.isArray(read)).toBe(false);
    expect(read).toMatchObject({ id: event.eventId, type: 'itsm.catalog.ServiceRegistered.v2', subject: event.streamId, sequence: '42', data: { name: 'Email' } });
  });
});
