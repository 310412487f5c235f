import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { UpcasterRegistry } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { MessageBus } from '../../port/message-bus.port';
import { MessageBusErrorFilter } from '../message-bus-error.filter';
import { MessageBusTransport } from '../message-bus.transport';
import type { RetryPolicy } from '../retry-policy';
import {
  serviceDirectoryModule,
  type ServiceDirectoryProbe,
} from './service-directory.fixture';

export interface ConsumerAppOptions {
  bus: MessageBus;
  executor: SqlExecutor;
  schema: string;
  topic: string;
  groupId: string;
  probe: ServiceDirectoryProbe;
  upcasters?: UpcasterRegistry;
  retry?: Partial<RetryPolicy>;
}

/** Starts the service directory consumer as a service would: a Nest microservice on `MessageBusTransport`. */
export const startConsumerApp = async (
  options: ConsumerAppOptions,
): Promise<INestMicroservice> => {
  const transport = new MessageBusTransport({
    bus: options.bus,
    groupId: options.groupId,
    idempotency: { executor: options.executor, schema: options.schema },
    upcasters: options.upcasters,
    retry: options.retry,
  });
  const app = await NestFactory.createMicroservice(
    serviceDirectoryModule(options.topic, options.schema, options.probe),
    { strategy: transport, logger: false },
  );
  app.useGlobalFilters(new MessageBusErrorFilter());
  await app.listen();
  return app;
};

/** Fast retries for specs: three attempts, 20 ms then 40 ms apart. */
export const SPEC_RETRY_POLICY: Partial<RetryPolicy> = {
  maxAttempts: 3,
  initialDelayMs: 20,
  multiplier: 2,
};
