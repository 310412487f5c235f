import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Registry } from 'prom-client';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import type { MessageBus, MessageSubscription } from '@itsm/messaging';
import { ProjectionRuntime, type Projection } from '@itsm/projections';
import { traceProjectionSubscriptions, tracingEnabled } from '@itsm/telemetry';
import type { RuntimeConfig } from '../config/runtime-config';
import { EVENT_STORE, SQL_DATABASE } from '../event-store/event-store.token';
import { MESSAGE_BUS } from '../messaging/message-bus.token';
import { registerProjectionFigures } from '../observability/event-figures.metrics';
import { METRICS_REGISTRY } from '../observability/metrics.registry';
import { followEventTopics } from './follow-event-topics';
import { ProjectionsController } from './projections.controller';
import { PROJECTION_OPTIONS, PROJECTION_RUNTIME } from './projection-runtime.token';

export interface ProjectionsModuleOptions {
  /**
   * Where live events come from: the event log's subscription (embedded, single host), or the Kafka topics
   * through the message bus (the distributed projector; import MessageBusModule). Rebuilds always read the log.
   */
  liveFrom?: 'event-store' | 'message-bus';
  /** Consumer group when following the message bus (after ITSM_TOPIC_PREFIX, as the topics); default `projector`. */
  groupId?: string;
}

/** Runs the given projections while the app runs; `/admin/projections` shows and rebuilds them. */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription: MessageSubscription | undefined;

  constructor(
    @Inject(PROJECTION_RUNTIME) private readonly runtime: ProjectionRuntime,
    @Inject(PROJECTION_OPTIONS) private readonly options: ProjectionsModuleOptions,
    private readonly config: ConfigService<RuntimeConfig, true>,
    @Optional() @Inject(MESSAGE_BUS) private readonly bus?: MessageBus,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry,
  ) {
    if (registry) registerProjectionFigures(registry, () => runtime.status());
  }

  static forRoot(projections: readonly Projection[], options: ProjectionsModuleOptions = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      // Global, so that other modules of the host reach the runtime (the admin erasure rebuilds read models).
      global: true,
      controllers: [ProjectionsController],
      providers: [
        { provide: PROJECTION_OPTIONS, useValue: options },
        {
          provide: PROJECTION_RUNTIME,
          inject: [SQL_DATABASE, EVENT_STORE],
          useFactory: (db: SqlExecutor, source: EventStore) =>
            ProjectionRuntime.create({
              db,
              // Following the log (no consumer span to continue), each live event is a span in its own trace. A span
              // per event needs a subscription per projection, so with tracing on the projections do not follow the
              // log as one group (the traced source offers no `subscribeToAllBatches`): traces cost throughput.
              source: tracingEnabled() && options.liveFrom !== 'message-bus' ? traceProjectionSubscriptions(source, 'read-models') : source,
              projections,
              liveSource: options.liveFrom === 'message-bus' ? 'pushed' : 'event-store',
            }),
        },
      ],
      exports: [PROJECTION_RUNTIME],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.reshaped.length > 0) {
      new Logger('Projections').warn(`read-model tables changed shape, refilling from the log: ${this.runtime.reshaped.join(', ')}`);
    }
    await this.runtime.start();
    if (this.options.liveFrom !== 'message-bus') return;
    if (!this.bus) throw new Error('Projections that follow the message bus need MessageBusModule');
    this.subscription = await followEventTopics(
      this.bus,
      this.runtime,
      this.options.groupId ?? 'projector',
      this.config.get('ITSM_TOPIC_PREFIX', { infer: true }) ?? '',
    );
  }

  /** Before the event log closes (onApplicationShutdown): each projection ends with its last batch committed. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    await this.runtime.stop();
    const positions = (await this.runtime.status().catch(() => [])).map(({ name, position }) => `${name}@${position}`);
    new Logger('Projections').log(`projections stopped: ${positions.join(', ') || 'none'}`);
  }
}
