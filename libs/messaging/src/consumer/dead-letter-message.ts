import type { IncomingMessage, OutgoingMessage } from '../port/message-bus.port';
import { deadLetterTopic } from '../port/topics';

/** Headers a dead-lettered message carries on top of its original ones (which are kept, ce_* included). */
export const DEAD_LETTER_HEADERS = {
  errorMessage: 'dlq-error-message',
  errorClass: 'dlq-error-class',
  attempts: 'dlq-attempts',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalKey: 'dlq-original-key',
  originalTimestamp: 'dlq-original-timestamp',
} as const;

// Kafka headers have no hard limit, but a stack-sized message in every record helps nobody.
const MAX_ERROR_MESSAGE_LENGTH = 2000;

/** The class name of what was thrown (`TypeError`, `RuleViolation`), or its JS type when it is not an object. */
export const errorClassOf = (error: unknown): string => {
  if (error instanceof Error) return error.constructor.name || error.name;
  if (error !== null && typeof error === 'object') return error.constructor?.name ?? 'Object';
  return typeof error;
};

export const errorMessageOf = (error: unknown): string => {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error
        ? String((error as { message: unknown }).message)
        : String(error);
  return message.length > MAX_ERROR_MESSAGE_LENGTH ? `${message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…` : message;
};

/**
 * The message as it goes to `<topic>.dlq`: same key, value and headers, plus why it failed, after how many
 * attempts, and where it came from, so it can be inspected and replayed.
 */
export const deadLetterMessage = (
  message: IncomingMessage,
  failure: { error: unknown; attempts: number },
): OutgoingMessage => ({
  topic: deadLetterTopic(message.topic),
  key: message.key,
  value: message.value,
  headers: {
    ...message.headers,
    [DEAD_LETTER_HEADERS.errorMessage]: errorMessageOf(failure.error),
    [DEAD_LETTER_HEADERS.errorClass]: errorClassOf(failure.error),
    [DEAD_LETTER_HEADERS.attempts]: String(failure.attempts),
    [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
    [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    [DEAD_LETTER_HEADERS.originalKey]: message.key,
    [DEAD_LETTER_HEADERS.originalTimestamp]: message.timestamp,
  },
});
