import type { DynamicModule, ModuleMetadata } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { Projection } from '@itsm/projections';
import { validateRuntimeConfig } from '../config/runtime-config';
import { EventStoreModule } from '../event-store/event-store.module';
import { HealthModule } from '../health/health.module';
import { GatewayModule } from '../http';
import { MessageBusModule } from '../messaging/message-bus.module';
import { ProjectionsModule } from '../projections/projections.module';

export interface ContextHostOptions {
  /** The settings to validate: the process environment unless a spec passes its own. */
  env?: Record<string, unknown>;
  /** The context's read models and its copies of other contexts. */
  projections: readonly Projection[];
  /** Kafka consumer group of those projections: the context's own, so it sees every partition next to the projector. */
  consumerGroup: string;
  /** The context's API module: routes, handlers, processes. */
  context: NonNullable<ModuleMetadata['imports']>[number];
}

/**
 * What every context process imports (DESIGN §1, distributed shape): validated settings, the event log, the gateway
 * conventions, the message bus, its projections and health. With KAFKA_BROKERS the projections follow the events
 * topics (other contexts are learnt from their events, never by calling them); without, they follow the event log's
 * subscription (single host).
 */
export const contextHostImports = ({ env = process.env, projections, consumerGroup, context }: ContextHostOptions): NonNullable<DynamicModule['imports']> => [
  ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
  EventStoreModule,
  GatewayModule.forRoot(),
  MessageBusModule,
  ProjectionsModule.forRoot(projections, { liveFrom: env['KAFKA_BROKERS'] ? 'message-bus' : 'event-store', groupId: consumerGroup }),
  context,
  HealthModule,
];
