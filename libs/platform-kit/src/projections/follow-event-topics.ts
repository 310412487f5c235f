import { EVENT_CONTEXTS } from '@itsm/contracts';
import { eventsTopic, fromCloudEventMessage, type MessageBus, type MessageSubscription } from '@itsm/messaging';
import type { ProjectionRuntime } from '@itsm/projections';
import { inProjectionSpan, tracingEnabled } from '@itsm/telemetry';

/**
 * Feeds every context's events topic into the runtime (the distributed projector). Kafka keeps order per stream
 * only; the runtime deduplicates redeliveries by stream revision. A failed apply is redelivered by the bus.
 * The prefix names the consumer group too: environments sharing a cluster under one group name would take each
 * other's partitions (a group's leader assigns only the topics it subscribes to), and some topics none at all.
 */
export const followEventTopics = (
  bus: MessageBus,
  runtime: ProjectionRuntime,
  groupId: string,
  topicPrefix = '',
): Promise<MessageSubscription> =>
  bus.subscribe({
    groupId: `${topicPrefix}${groupId}`,
    topics: EVENT_CONTEXTS.map((context) => `${topicPrefix}${eventsTopic(context)}`),
    handler: tracingEnabled()
      ? (message) => {
          const event = fromCloudEventMessage(message);
          return inProjectionSpan(groupId, event, () => runtime.handle([event]));
        }
      : (message) => runtime.handle([fromCloudEventMessage(message)]),
  });
