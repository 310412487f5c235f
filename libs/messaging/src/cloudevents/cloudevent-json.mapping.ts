import type { RecordedEvent } from '@itsm/event-sourcing';
import { CONTENT_TYPE_HEADER } from './cloudevent-headers';
import { toCloudEventMessage } from './cloudevent-message.mapping';

/** A CloudEvents 1.0 event in structured JSON mode: attributes and extensions beside `data`. */
export interface CloudEventJson {
  specversion: string;
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: string;
  data: unknown;
  [extension: string]: unknown;
}

const CE_PREFIX = 'ce_';

/**
 * The same event as `toCloudEventMessage` puts on Kafka, in structured mode (server-sent events, webhooks bodies):
 * built from that message's headers, so both ways out carry the same attributes with the same values.
 */
export const toCloudEventJson = (event: RecordedEvent): CloudEventJson => {
  const message = toCloudEventMessage(event);
  const attributes: Record<string, unknown> = {};
  for (const [header, value] of Object.entries(message.headers)) {
    if (header.startsWith(CE_PREFIX)) attributes[header.slice(CE_PREFIX.length)] = value;
  }
  return {
    ...attributes,
    datacontenttype: message.headers[CONTENT_TYPE_HEADER],
    data: event.data ?? null,
  } as CloudEventJson;
};
