/**
 * Span attribute names. The messaging ones are still "incubating" in the semantic conventions, which advise
 * copying them rather than importing the unstable entry point; the `itsm.*` ones are the platform's own.
 */
export const ATTR = {
  messagingSystem: 'messaging.system',
  messagingDestination: 'messaging.destination.name',
  messagingOperationType: 'messaging.operation.type',
  messagingMessageId: 'messaging.message.id',
  messagingConsumerGroup: 'messaging.consumer.group.name',
  messagingKafkaKey: 'messaging.kafka.message.key',
  messagingKafkaOffset: 'messaging.kafka.offset',
  messagingPartition: 'messaging.destination.partition.id',
  /** Stable in the semantic conventions; here so that deliverers name it without importing OpenTelemetry. */
  httpResponseStatusCode: 'http.response.status_code',
  streamId: 'itsm.stream.id',
  eventType: 'itsm.event.type',
  eventTypes: 'itsm.event.types',
  eventCount: 'itsm.event.count',
  logPosition: 'itsm.log.position',
  command: 'itsm.command',
  delivery: 'itsm.delivery',
  webhookId: 'itsm.webhook.id',
} as const;
