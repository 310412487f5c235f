import { Kafka, type CloudEventV1, type KafkaMessage } from 'cloudevents';
import type { IncomingMessage } from '../port/message-bus.port';

/** Reads one of our Kafka messages as an outside consumer would: with the official SDK's Kafka binding. */
export const readWithCloudEventsSdk = (message: IncomingMessage): CloudEventV1<unknown> => {
  const sdkMessage: KafkaMessage<Buffer> = {
    headers: message.headers,
    key: message.key,
    value: message.value,
    body: message.value,
    timestamp: message.timestamp,
  };
  const event = Kafka.toEvent(sdkMessage);
  if (Array.isArray(event)) throw new Error('Expected one CloudEvent, got a batch');
  return event as CloudEventV1<unknown>;
};
