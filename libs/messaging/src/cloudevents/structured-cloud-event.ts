import { contextOfStream } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { CE_SPEC_VERSION, JSON_CONTENT_TYPE } from './cloudevent-headers';
import { cloudEventSource, cloudEventType } from './cloudevent-type';

/** A CloudEvent in structured JSON mode (a webhook body): the same attributes as the Kafka headers, in one object. */
export interface StructuredCloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: string;
  data: unknown;
  sequence: string;
  correlationid: string;
  causationid?: string;
  traceparent?: string;
}

/**
 * An event of the log as a structured CloudEvent (`application/cloudevents+json`), attribute for attribute what
 * `toCloudEventMessage` writes as `ce_*` headers for the public attributes: the official SDK reads either.
 */
export const toStructuredCloudEvent = (event: RecordedEvent): StructuredCloudEvent => {
  const context = contextOfStream(event.streamId);
  const structured: StructuredCloudEvent = {
    specversion: CE_SPEC_VERSION,
    id: event.eventId,
    source: cloudEventSource(context),
    type: cloudEventType(context, event.type, event.schemaVersion),
    subject: event.streamId,
    time: event.occurredAt,
    datacontenttype: JSON_CONTENT_TYPE,
    data: event.data ?? null,
    sequence: String(event.globalPosition),
    correlationid: event.correlationId,
  };
  // Absent rather than null: CloudEvents attributes have no null.
  if (event.causationId !== null) structured.causationid = event.causationId;
  if (event.traceparent !== null) structured.traceparent = event.traceparent;
  return structured;
};
