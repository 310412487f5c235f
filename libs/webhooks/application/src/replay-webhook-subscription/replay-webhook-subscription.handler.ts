import { Inject, Injectable } from '@nestjs/common';
import { ALL_EVENT_TYPES, isPublishedEventType, upcastEvent } from '@itsm/contracts';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { EVENT_STORE, SQL_DATABASE } from '@itsm/platform-kit';
import { queueDeliveries } from '../dispatch/queue-deliveries';
import { WebhookDeliveryWorker } from '../delivery/webhook-delivery.worker';
import { InvalidReplayStart } from '../errors';
import { WEBHOOKS_TABLES } from '../nest/webhooks-application.tokens';
import type { WebhooksTables } from '../storage/webhooks-tables';
import { WebhookSubscriptionStreams } from '../streams/webhook-subscription.streams';

export interface ReplayInput {
  /** Replays the events after this log position (exclusive, as `sequence` in the CloudEvents says). */
  fromPosition?: number;
  /** Or the events recorded at or after this instant. */
  fromTime?: string;
}

export interface ReplayResult {
  queued: number;
  /** The last log position read. */
  throughPosition: number;
}

const BATCH = 500;

/**
 * Queues the subscription's events again from a log position or a time: new deliveries (origin `replay`, new
 * webhook-ids), whatever was delivered before. Reads the log as it stands now, upcast.
 */
@Injectable()
export class ReplayWebhookSubscriptionHandler {
  constructor(
    private readonly streams: WebhookSubscriptionStreams,
    private readonly worker: WebhookDeliveryWorker,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlExecutor,
    @Inject(WEBHOOKS_TABLES) private readonly tables: WebhooksTables,
  ) {}

  async execute(subscriptionId: string, input: ReplayInput): Promise<ReplayResult> {
    if ((input.fromPosition === undefined) === (input.fromTime === undefined)) throw new InvalidReplayStart('Give fromPosition or fromTime, not both');
    const { state } = await this.streams.loadExisting(subscriptionId);
    const fromTime = input.fromTime === undefined ? undefined : Date.parse(input.fromTime);
    const takes = (type: string) => isPublishedEventType(type) && (state.eventTypes.includes(ALL_EVENT_TYPES) || state.eventTypes.includes(type));
    let position = input.fromPosition ?? -1;
    let queued = 0;
    for (;;) {
      const { events, lastPosition } = await this.store.readAll({ fromPosition: position, maxCount: BATCH });
      for (const stored of events) {
        if (!takes(stored.type) || (fromTime !== undefined && Date.parse(stored.recordedAt) < fromTime)) continue;
        queued += await queueDeliveries(this.db, this.tables, 'replay', upcastEvent(stored), [state.webhookSubscriptionId]);
      }
      if (events.length < BATCH) {
        position = Math.max(position, lastPosition);
        break;
      }
      position = lastPosition;
    }
    if (queued > 0) this.worker.wakeUp();
    return { queued, throughPosition: position };
  }
}
