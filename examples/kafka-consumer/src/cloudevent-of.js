import { Kafka } from 'cloudevents';

/**
 * The platform's messages are CloudEvents 1.0 in Kafka binary mode: attributes in `ce_*` headers, the event's data
 * as the JSON value. The official SDK reads them; kafkajs gives header values as Buffers, the SDK wants strings.
 */
export const cloudEventOf = (message) => {
  const headers = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name] = value.toString();
  }
  const event = Kafka.toEvent({
    headers,
    key: message.key?.toString(),
    value: message.value,
    body: message.value,
    timestamp: message.timestamp,
  });
  if (Array.isArray(event))
    throw new Error('a batch of CloudEvents where one was expected');
  return event;
};
