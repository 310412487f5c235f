import {
  CONTEXT_EVENT_SCHEMA_VERSIONS,
  EVENT_CONTEXTS,
  eventJsonSchema,
  INTERNAL_EVENT_TYPES,
  type EventContext,
} from '@itsm/contracts';
import { eventsTopic } from '../port/topics';
import { CE_HEADERS, CE_SPEC_VERSION, CONTENT_TYPE_HEADER, JSON_CONTENT_TYPE } from '../cloudevents/cloudevent-headers';
import { cloudEventSource, cloudEventType } from '../cloudevents/cloudevent-type';

/** An AsyncAPI 3.0 document as plain JSON. */
export type AsyncApiDocument = Record<string, unknown> & { asyncapi: '3.0.0' };

const KAFKA_BINDING_VERSION = '0.5.0';

/** What each CloudEvents header carries, as `toCloudEventMessage` writes it. */
const HEADER_DESCRIPTIONS: Record<keyof typeof CE_HEADERS, string> = {
  specversion: 'CloudEvents spec version.',
  id: 'The event id (a UUID): the key for idempotent consumers; a redelivered event has the same id.',
  source: 'The publishing context, `/itsm/<context>`.',
  type: 'What happened, `itsm.<context>.<EventName>.v<schemaVersion>`: the message and the payload schema.',
  subject: 'The stream the event belongs to (also the Kafka key), e.g. `incident-<uuid>`.',
  time: 'When it happened (ISO-8601 UTC).',
  sequence: 'Extension: the global position in the event log (decimal string), increasing across all streams.',
  correlationid: 'Extension: the request that led to the event.',
  causationid: 'Extension: the event or command that caused it; absent when none.',
  traceparent: 'Extension (CloudEvents distributed tracing): the W3C trace context; absent when none.',
  streamrevision: 'Extension: the revision of the stream after this event (decimal string, 0 first).',
  actor: 'Extension: who did it, as JSON `{ "id", "role"?, "via"? }`.',
  hash: 'Extension: the hash chaining the event to the previous one of its stream (tamper evidence).',
  recordedat: 'Extension: when the log stored it (ISO-8601 UTC).',
};

/** Absent rather than empty when the event has none. */
const OPTIONAL_HEADERS: ReadonlySet<keyof typeof CE_HEADERS> = new Set(['causationid', 'traceparent']);

const headersSchema = (context: EventContext, type: string, version: number): Record<string, unknown> => {
  const constants: Partial<Record<keyof typeof CE_HEADERS, string>> = {
    specversion: CE_SPEC_VERSION,
    source: cloudEventSource(context),
    type: cloudEventType(context, type, version),
  };
  const properties: Record<string, unknown> = {};
  for (const [attribute, header] of Object.entries(CE_HEADERS) as [keyof typeof CE_HEADERS, string][]) {
    const constant = constants[attribute];
    properties[header] = {
      type: 'string',
      description: HEADER_DESCRIPTIONS[attribute],
      ...(constant === undefined ? {} : { const: constant }),
      ...(attribute === 'time' || attribute === 'recordedat' ? { format: 'date-time' } : {}),
    };
  }
  properties[CONTENT_TYPE_HEADER] = { type: 'string', const: JSON_CONTENT_TYPE, description: 'CloudEvents `datacontenttype` in binary mode.' };
  return {
    type: 'object',
    description: 'CloudEvents 1.0 in Kafka binary mode: every attribute is a `ce_<name>` header (UTF-8 string).',
    properties,
    required: [
      ...(Object.entries(CE_HEADERS) as [keyof typeof CE_HEADERS, string][])
        .filter(([attribute]) => !OPTIONAL_HEADERS.has(attribute))
        .map(([, header]) => header),
      CONTENT_TYPE_HEADER,
    ],
  };
};

/** The payload as an AsyncAPI schema: the published JSON Schema without its own `$schema`/`$id` (the document's). */
const payloadSchema = (type: string, version: number): Record<string, unknown> => {
  const schema = eventJsonSchema(type, version);
  if (schema === undefined) throw new Error(`No JSON Schema for ${type} v${version}: run npm run contracts:schemas`);
  const payload: Record<string, unknown> = { ...schema };
  delete payload['$schema'];
  delete payload['$id'];
  return payload;
};

const channelId = (context: EventContext): string => `${context}Events`;
export const asyncApiMessageId = (type: string, version: number): string => `${type}.v${version}`;

/**
 * The AsyncAPI 3.0 description of what the platform publishes, generated from `@itsm/contracts`: one channel per
 * context topic (`itsm.<context>.events.v1`), one message per event type at the version written today on it, every
 * earlier version as a component message (the relay upcasts before publishing, so only the latest version is on
 * the topic; the older schemas describe stored events and archives), and the CloudEvents headers.
 */
export const createAsyncApiDocument = (options: { version?: string } = {}): AsyncApiDocument => {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const context of EVENT_CONTEXTS) {
    const channelMessages: Record<string, unknown> = {};
    for (const [type, latest] of Object.entries(CONTEXT_EVENT_SCHEMA_VERSIONS[context]).sort(([a], [b]) => a.localeCompare(b))) {
      const internal = INTERNAL_EVENT_TYPES.has(type);
      for (let version = 1; version <= latest; version += 1) {
        const id = asyncApiMessageId(type, version);
        const superseded = version < latest;
        messages[id] = {
          name: type,
          title: `${type} v${version}`,
          summary: `\`${cloudEventType(context, type, version)}\` on \`${eventsTopic(context)}\`.`,
          description: [
            superseded
              ? `Superseded by v${latest}: stored events of v${version} are upcast before they are published, so consumers receive v${latest}.`
              : `Written today as schema version ${version}.`,
            internal ? 'Internal: only the owning context reads it; relayed like every event, with no compatibility promise.' : '',
          ].filter(Boolean).join(' '),
          contentType: JSON_CONTENT_TYPE,
          headers: headersSchema(context, type, version),
          payload: payloadSchema(type, version),
          bindings: { kafka: { key: { type: 'string', description: 'The stream id (`ce_subject`): one partition keeps a stream in order.' }, bindingVersion: KAFKA_BINDING_VERSION } },
          ...(superseded ? { 'x-itsm-superseded-by': asyncApiMessageId(type, latest) } : {}),
          ...(internal ? { 'x-itsm-internal': true } : {}),
        };
        if (!superseded) channelMessages[id] = { $ref: `#/components/messages/${id}` };
      }
    }
    channels[channelId(context)] = {
      address: eventsTopic(context),
      title: `${context} events`,
      description: `Every event the ${context} context writes, in log order per stream (key = stream id), at least once.`,
      messages: channelMessages,
      bindings: { kafka: { topic: eventsTopic(context), bindingVersion: KAFKA_BINDING_VERSION } },
    };
    operations[`publish${context[0].toUpperCase()}${context.slice(1)}Events`] = {
      action: 'send',
      title: `The relay publishes ${context} events`,
      channel: { $ref: `#/channels/${channelId(context)}` },
      messages: Object.keys(channelMessages).map((id) => ({ $ref: `#/channels/${channelId(context)}/messages/${id}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ITSM platform events',
      version: options.version ?? '1.0.0',
      description:
        'CloudEvents 1.0 on Kafka (binary mode), one topic per bounded context. Consumers are at-least-once: dedupe ' +
        'on `ce_id`. A payload\'s version is the `.v<n>` of `ce_type`; a published version never changes shape ' +
        '(new versions come with an upcaster). Tolerate unknown fields and enum values.',
    },
    defaultContentType: JSON_CONTENT_TYPE,
    channels,
    operations,
    components: { messages },
  };
};
