import { CloudEvent } from 'cloudevents';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { IncomingMessage } from '../port/message-bus.port';
import { readWithCloudEventsSdk } from '../testing/read-with-cloudevents-sdk';
import { fromCloudEventMessage, toCloudEventMessage } from './cloudevent-message.mapping';
import { toCloudEventJson } from './cloudevent-json.mapping';

const streamId = 'change-0190f3a4-1111-7222-8333-944445555666';
const event: RecordedEvent = {
  eventId: '0190f3a4-aaaa-7bbb-8ccc-dddddddddddd',
  type: 'ChangeApprovedByCab',
  schemaVersion: 2,
  streamId,
  streamRevision: 4,
  globalPosition: 1234,
  occurredAt: '2025-03-01T10:15:00.000Z',
  recordedAt: '2025-03-01T10:15:00.123Z',
  actor: { id: 'user-7', role: 'cab-member', via: 'web' },
  correlationId: 'corr-1',
  causationId: 'cause-1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  hash: 'ab'.repeat(32),
  data: { approvedBy: ['user-7'], note: 'ok ✓' },
};

const delivered = (overrides: Partial<RecordedEvent> = {}): IncomingMessage => ({
  ...toCloudEventMessage({ ...event, ...overrides }),
  partition: 0,
  offset: '0',
  timestamp: '0',
});

describe('toCloudEventMessage', () => {
  it('puts the event on its context topic, keyed by the stream, with DESIGN §4 headers', () => {
    const message = toCloudEventMessage(event);
    expect(message.topic).toBe('itsm.changes.events.v1');
    expect(message.key).toBe(streamId);
    expect(JSON.parse(message.value.toString('utf8'))).toEqual(event.data);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_source: '/itsm/changes',
      ce_type: 'itsm.changes.ChangeApprovedByCab.v2',
      ce_subject: streamId,
      ce_time: event.occurredAt,
      'content-type': 'application/json',
      ce_sequence: '1234',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cause-1',
      ce_traceparent: event.traceparent,
      ce_streamrevision: '4',
      ce_actor: JSON.stringify(event.actor),
      ce_hash: event.hash,
      ce_recordedat: event.recordedAt,
    });
  });

  it('leaves out causation and trace headers the event does not have', () => {
    const { headers } = toCloudEventMessage({
      ...event,
      causationId: null,
      traceparent: null,
    });
    expect(headers).not.toHaveProperty('ce_causationid');
    expect(headers).not.toHaveProperty('ce_traceparent');
  });

  it('refuses an event of a stream type no context owns', () => {
    expect(() => toCloudEventMessage({ ...event, streamId: 'widget-1' })).toThrow(/no known stream type/);
  });
});

describe('fromCloudEventMessage', () => {
  it('rebuilds the recorded event exactly', () => {
    expect(fromCloudEventMessage(delivered())).toEqual(event);
    const bare = { ...event, causationId: null, traceparent: null };
    expect(fromCloudEventMessage(delivered(bare))).toEqual(bare);
  });

  it('refuses a message without the CloudEvents headers it needs', () => {
    const message = delivered();
    delete message.headers['ce_hash'];
    expect(() => fromCloudEventMessage(message)).toThrow(/"ce_hash"/);
    expect(() =>
      fromCloudEventMessage({
        ...delivered(),
        headers: { ...delivered().headers, ce_specversion: '0.3' },
      }),
    ).toThrow(/specversion/);
  });

  it('yields a message the cloudevents SDK accepts as a valid binary-mode event', () => {
    const parsed = readWithCloudEventsSdk(delivered());
    expect(parsed.specversion).toBe('1.0');
    expect(parsed.data).toEqual(event.data);
    expect(parsed.type).toBe('itsm.changes.ChangeApprovedByCab.v2');
    expect(parsed['sequence']).toBe('1234');
  });
});

describe('toCloudEventJson', () => {
  it('carries the Kafka message attributes in structured mode, data as the event data', () => {
    expect(toCloudEventJson(event)).toEqual({
      specversion: '1.0',
      id: event.eventId,
      source: '/itsm/changes',
      type: 'itsm.changes.ChangeApprovedByCab.v2',
      subject: streamId,
      time: event.occurredAt,
      datacontenttype: 'application/json',
      sequence: '1234',
      correlationid: 'corr-1',
      causationid: 'cause-1',
      traceparent: event.traceparent,
      streamrevision: '4',
      actor: JSON.stringify(event.actor),
      hash: event.hash,
      recordedat: event.recordedAt,
      data: event.data,
    });
  });

  it('reads back with the official CloudEvents SDK in structured mode', () => {
    const parsed = new CloudEvent(toCloudEventJson(event) as never);
    expect(parsed.type).toBe('itsm.changes.ChangeApprovedByCab.v2');
    expect(parsed.data).toEqual(event.data);
  });
});
