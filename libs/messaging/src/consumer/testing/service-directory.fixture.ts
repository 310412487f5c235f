import { Controller, Module, type Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { UpcasterRegistry, type Upcaster } from '@itsm/contracts';
import { newEventId, type RecordedEvent } from '@itsm/event-sourcing';
import type { SqlExecutor } from '@itsm/event-store';
import { MessageBusContext } from '../message-bus.context';

/**
 * A small consumer for the transport's specs: a service directory that writes one row per `ServiceRegistered`
 * through an idempotent transaction, and a topic-wide handler that only counts what it sees.
 */
interface ServiceRegisteredV1 {
  name: string;
}
export interface ServiceRegisteredV2 {
  name: string;
  tier: string;
}

/** v1 had no tier: every service registered then is a standard one. */
export const serviceRegisteredV1ToV2: Upcaster<
  ServiceRegisteredV1,
  ServiceRegisteredV2
> = {
  type: 'ServiceRegistered',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => ({ ...data, tier: 'standard' }),
};
export const serviceDirectoryUpcasters = (): UpcasterRegistry =>
  new UpcasterRegistry([serviceRegisteredV1ToV2]);

/** A service named like this makes the handler throw, on every attempt. */
export const POISON_PREFIX = 'poison';
export class ServiceNameRefused extends Error {}

export interface HandlerCall {
  eventId: string;
  schemaVersion: number;
  data: ServiceRegisteredV2;
  attempt: number;
  partition: number;
  offset: string;
  /** What `ctx.transaction` said: false when the effect had already been applied. */
  applied: boolean;
}

/** What the specs observe of the handlers, and a hook that runs after the effect committed. */
export interface ServiceDirectoryProbe {
  registered: HandlerCall[];
  topicWide: string[];
  afterEffect?: (call: HandlerCall) => Promise<void> | void;
}

export const newProbe = (): ServiceDirectoryProbe => ({
  registered: [],
  topicWide: [],
});

export const createServicesTable = (
  executor: SqlExecutor,
  schema: string,
): Promise<void> =>
  executor.exec(`
    CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE TABLE IF NOT EXISTS "${schema}".services (stream_id text NOT NULL, name text NOT NULL, tier text NOT NULL);
  `);

export const servicesRows = (executor: SqlExecutor, schema: string) =>
  executor.query<{ stream_id: string; name: string; tier: string }>(
    `SELECT stream_id, name, tier FROM "${schema}".services ORDER BY name`,
  );

/** The Nest module of the consumer; patterns are decorator arguments, so the class is made per topic. */
export const serviceDirectoryModule = (
  topic: string,
  schema: string,
  probe: ServiceDirectoryProbe,
): Type<unknown> => {
  @Controller()
  class ServiceDirectoryController {
    @EventPattern(`${topic}#ServiceRegistered`)
    async onServiceRegistered(
      @Payload() event: RecordedEvent<'ServiceRegistered', ServiceRegisteredV2>,
      @Ctx() context: MessageBusContext,
    ): Promise<void> {
      if (event.data.name.startsWith(POISON_PREFIX))
        throw new ServiceNameRefused(`refused: ${event.data.name}`);
      const applied = await context.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO "${schema}".services (stream_id, name, tier) VALUES ($1, $2, $3)`,
          [event.streamId, event.data.name, event.data.tier],
        );
      });
      const call: HandlerCall = {
        eventId: event.eventId,
        schemaVersion: event.schemaVersion,
        data: event.data,
        attempt: context.getAttempt(),
        partition: context.getPartition(),
        offset: context.getOffset(),
        applied,
      };
      probe.registered.push(call);
      await probe.afterEffect?.(call);
    }

    @EventPattern(topic)
    onAnyCatalogEvent(@Payload() event: RecordedEvent): void {
      probe.topicWide.push(event.type);
    }
  }

  @Module({ controllers: [ServiceDirectoryController] })
  class ServiceDirectoryModule {}
  return ServiceDirectoryModule;
};

/** A recorded catalog event as the relay would publish it. */
export const catalogEvent = (
  type: string,
  data: unknown,
  { streamId = 'service-1', schemaVersion = 1, streamRevision = 0 } = {},
): RecordedEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion,
  data,
  streamId,
  streamRevision,
  globalPosition: streamRevision + 1,
  occurredAt: '2025-01-02T03:04:05.000Z',
  recordedAt: '2025-01-02T03:04:05.100Z',
  actor: { id: 'user-1', role: 'service-owner', via: 'spec' },
  correlationId: newEventId(),
  causationId: null,
  traceparent: null,
  hash: 'f'.repeat(64),
});
