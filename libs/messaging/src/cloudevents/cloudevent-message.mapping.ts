import { contextOfStream } from '@itsm/contracts';
import type { Actor, RecordedEvent } from '@itsm/event-sourcing';
import type { RecordedEventJson } from '@itsm/event-store';
import type { IncomingMessage, OutgoingMessage } from '../port/message-bus.port';
import { eventsTopic } from '../port/topics';
import { CE_HEADERS, CE_SPEC_VERSION, CONTENT_TYPE_HEADER, JSON_CONTENT_TYPE } from './cloudevent-headers';
import { cloudEventSource, cloudEventType, parseCloudEventType } from './cloudevent-type';

/** The envelope of an event without its data and actor, which the message carries as JSON text. */
type CloudEventEnvelope = Omit<RecordedEvent, 'data' | 'actor'>;

/**
 * An event of the log as a CloudEvents 1.0 Kafka message in binary mode: attributes in `ce_*` headers,
 * the event's data as the JSON value, on `itsm.<context>.events.v1` keyed by the stream id.
 */
export const toCloudEventMessage = (event: RecordedEvent): OutgoingMessage =>
  cloudEventMessage(event, JSON.stringify(event.actor), JSON.stringify(event.data ?? null));

/**
 * `toCloudEventMessage` of an event read with its data and actor as JSON text (`subscribeToAllJson`): the text
 * goes on the wire as it is, parsed and serialised by nobody (the relay's hot path).
 */
export const toCloudEventMessageFromJson = (event: RecordedEventJson): OutgoingMessage =>
  cloudEventMessage(event, event.actorJson, event.dataJson);

const cloudEventMessage = (event: CloudEventEnvelope, actorJson: string, dataJson: string): OutgoingMessage => {
  const context = contextOfStream(event.streamId);
  const headers: Record<string, string> = {
    [CE_HEADERS.specversion]: CE_SPEC_VERSION,
    [CE_HEADERS.id]: event.eventId,
    [CE_HEADERS.source]: cloudEventSource(context),
    [CE_HEADERS.type]: cloudEventType(context, event.type, event.schemaVersion),
    [CE_HEADERS.subject]: event.streamId,
    [CE_HEADERS.time]: event.occurredAt,
    [CONTENT_TYPE_HEADER]: JSON_CONTENT_TYPE,
    [CE_HEADERS.sequence]: String(event.globalPosition),
    [CE_HEADERS.correlationid]: event.correlationId,
    [CE_HEADERS.streamrevision]: String(event.streamRevision),
    [CE_HEADERS.actor]: actorJson,
    [CE_HEADERS.hash]: event.hash,
    [CE_HEADERS.recordedat]: event.recordedAt,
  };
  // Absent rather than empty: CloudEvents attributes have no null.
  if (event.causationId !== null) headers[CE_HEADERS.causationid] = event.causationId;
  if (event.traceparent !== null) headers[CE_HEADERS.traceparent] = event.traceparent;
  return {
    topic: eventsTopic(context),
    key: event.streamId,
    value: Buffer.from(dataJson, 'utf8'),
    headers,
  };
};

const required = (message: IncomingMessage, header: string): string => {
  const value = message.headers[header];
  if (value === undefined || value === '') {
    throw new Error(`Message ${message.topic}/${message.partition}@${message.offset} has no "${header}" header`);
  }
  return value;
};

/** The log's event back from a message written by `toCloudEventMessage`. */
export const fromCloudEventMessage = (message: IncomingMessage): RecordedEvent => {
  const specversion = required(message, CE_HEADERS.specversion);
  if (specversion !== CE_SPEC_VERSION) throw new Error(`Unsupported CloudEvents specversion "${specversion}"`);
  const { eventType, schemaVersion } = parseCloudEventType(required(message, CE_HEADERS.type));
  return {
    eventId: required(message, CE_HEADERS.id),
    type: eventType,
    schemaVersion,
    streamId: required(message, CE_HEADERS.subject),
    streamRevision: Number(required(message, CE_HEADERS.streamrevision)),
    globalPosition: Number(required(message, CE_HEADERS.sequence)),
    occurredAt: required(message, CE_HEADERS.time),
    recordedAt: required(message, CE_HEADERS.recordedat),
    actor: JSON.parse(required(message, CE_HEADERS.actor)) as Actor,
    correlationId: required(message, CE_HEADERS.correlationid),
    causationId: message.headers[CE_HEADERS.causationid] ?? null,
    traceparent: message.headers[CE_HEADERS.traceparent] ?? null,
    hash: required(message, CE_HEADERS.hash),
    data: message.value.length === 0 ? null : JSON.parse(message.value.toString('utf8')),
  };
};
