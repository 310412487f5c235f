import { Kafka } from 'cloudevents';

/**
 * The platform's messages are CloudEvents 1.0 in Kafka binary mode: attributes in `ce_*` headers, the event's data
 * as the JSON value. The official SDK reads them; kafkajs gives header values as Buffers, the SDK wants strings.
 */
/** @param {import('kafkajs').KafkaMessage} message */
export const cloudEventOf = (message) => {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name] = value.toString();
  }
  /** @type {import('cloudevents').KafkaMessage<Buffer>} */
  const kafkaMessage = {
    headers,
    key: message.key?.toString(),
    value: message.value,
    body: message.value,
    timestamp: message.timestamp,
  };
  const event = Kafka.toEvent(kafkaMessage);
  if (Array.isArray(event))
    throw new Error('a batch of CloudEvents where one was expected');
  return event;
};
