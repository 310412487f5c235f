import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { IncomingMessage, OutgoingMessage } from '../port/message-bus.port';

export const toKafkaMessage = (message: OutgoingMessage): Message => ({
  key: message.key,
  value: message.value,
  headers: message.headers,
});

const headersOf = (headers: IHeaders | undefined): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    // A header repeated on the wire arrives as an array; our messages carry one value per name.
    const single = Array.isArray(value) ? value[value.length - 1] : value;
    result[name] = single.toString();
  }
  return result;
};

export const fromKafkaMessage = (topic: string, partition: number, message: KafkaMessage): IncomingMessage => ({
  topic,
  partition,
  key: message.key?.toString('utf8') ?? '',
  value: message.value ?? Buffer.alloc(0),
  headers: headersOf(message.headers),
  offset: message.offset,
  timestamp: message.timestamp,
});
