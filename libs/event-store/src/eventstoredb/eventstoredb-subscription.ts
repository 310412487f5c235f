import type { EventStoreDBClient } from '@eventstore/db-client';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { fromEsdbRecordedEvent } from './esdb-envelope';
import { planEsdbFilter } from './esdb-filter';
import { toReadPosition } from './esdb-position';

/** The subscription ended although nobody stopped it (server shutdown, dropped connection). */
export class EsdbSubscriptionEndedError extends Error {
  override readonly name = 'EsdbSubscriptionEndedError';
  constructor() {
    super('EventStoreDB subscription to $all ended unexpectedly');
  }
}

/**
 * A catch-up subscription to `$all`, filtered on the server, whose events are handled strictly one at a
 * time: async iteration pulls the next event only after `onEvent` has resolved, so the stream's
 * backpressure pauses the gRPC read while a handler runs.
 */
export const subscribeToEsdbAll = (client: EventStoreDBClient, options: SubscribeOptions): Subscription => {
  const plan = planEsdbFilter(options.filter);
  let checkpoint = options.fromCheckpoint ?? null;
  let stopping = false;
  const source = client.subscribeToAll(
    { fromPosition: toReadPosition(checkpoint), filter: plan.server },
    { highWaterMark: options.batchSize ?? 16 },
  );

  const run = async (): Promise<void> => {
    for await (const resolved of source) {
      if (stopping) return;
      const event = resolved.event;
      if (!event || !plan.matches(event)) continue;
      const recorded = fromEsdbRecordedEvent(event);
      // The server starts after the checkpoint; this guards against a replayed boundary event anyway.
      if (checkpoint !== null && recorded.globalPosition <= checkpoint) continue;
      await options.onEvent(recorded);
      checkpoint = recorded.globalPosition;
    }
    if (!stopping) throw new EsdbSubscriptionEndedError();
  };

  const finished = run().then(
    () => undefined,
    async (error: unknown) => {
      if (stopping) return; // cancelling the gRPC call ends the iteration with an error we asked for
      stopping = true;
      await source.unsubscribe().catch(() => undefined);
      options.onError?.(error);
    },
  );

  return {
    get checkpoint() {
      return checkpoint;
    },
    stop: async () => {
      if (!stopping) {
        stopping = true;
        await source.unsubscribe();
        source.destroy();
      }
      await finished;
    },
  };
};
