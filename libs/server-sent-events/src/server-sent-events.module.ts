import { Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { upcastEvent } from '@itsm/contracts';
import type { EventStore } from '@itsm/event-store';
import { EVENT_STORE, HTTP_SERVER_DRAINING } from '@itsm/platform-kit';
import { EVENT_STREAMS, EventStreamController } from './api/event-stream.controller';
import { EventStreams } from './api/event-streams';
import { eventStreamSettingsFrom, type EventStreamSettings } from './event-stream.settings';
import { LiveLogTail } from './feed/live-log-tail';
import { EventVisibility } from './visibility/event-visibility';
import { StreamOwners } from './visibility/stream-owners';

const LIVE_LOG_TAIL = Symbol('LIVE_LOG_TAIL');

/**
 * `GET /api/v1/events` on a host that reads the event log (the embedded platform; the incidents service in the
 * distributed shape, behind the gateway). Needs `EventStoreModule` and the gateway conventions.
 */
@Module({})
export class ServerSentEventsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(EVENT_STREAMS) private readonly streams: EventStreams,
    @Inject(LIVE_LOG_TAIL) private readonly tail: LiveLogTail,
  ) {}

  /** `settings`: the heartbeat and buffer limits; by default from `ITSM_SSE_HEARTBEAT_SECONDS` of the environment. */
  static forRoot(settings: EventStreamSettings = eventStreamSettingsFrom(process.env)): DynamicModule {
    return {
      module: ServerSentEventsModule,
      controllers: [EventStreamController],
      providers: [
        { provide: LIVE_LOG_TAIL, inject: [EVENT_STORE], useFactory: (store: EventStore) => new LiveLogTail(store, upcastEvent) },
        {
          provide: EVENT_STREAMS,
          inject: [EVENT_STORE, LIVE_LOG_TAIL],
          useFactory: (store: EventStore, tail: LiveLogTail) => new EventStreams(store, tail, new EventVisibility(new StreamOwners(store)), settings),
        },
      ],
      exports: [EVENT_STREAMS],
    };
  }

  /** A stop on a signal drains requests first: open streams end then, so the drain does not wait for them. */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as import('node:events').EventEmitter | undefined;
    server?.on(HTTP_SERVER_DRAINING, () => this.streams.endAll());
  }

  /** Before the HTTP server closes and the log: open streams would hold the server open, the tail the log. */
  async beforeApplicationShutdown(): Promise<void> {
    this.streams.endAll();
    await this.tail.close();
  }
}
