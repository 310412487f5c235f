import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { upcastEvent } from '@itsm/contracts';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { eventsTopic, fromCloudEventMessage, type MessageBus, type MessageSubscription } from '@itsm/messaging';
import { EVENT_STORE, MESSAGE_BUS, PROCESS_MONITOR, SQL_DATABASE, type ProcessMonitor } from '@itsm/platform-kit';
import { ProcessRunner, type ProcessStatus } from '@itsm/projections';
import { CAUSED_INCIDENTS_PROCESS, CausedIncidentsProcess } from '../processes/caused-incidents/caused-incidents.process';

/** Where the caused-incidents process takes the incidents' events from: the log (embedded, single host) or Kafka. */
export type ProcessEventSource = 'event-store' | 'message-bus';

export const CHANGES_PROCESSES_OPTIONS = Symbol('CHANGES_PROCESSES_OPTIONS');

export interface ChangesProcessesOptions {
  eventsFrom: ProcessEventSource;
  /** Prepended to topics and the consumer group (ITSM_TOPIC_PREFIX). */
  topicPrefix: string;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs the changes' background work in the host that imports the application module with processes on: the
 * caused-incidents process. From the log it follows a checkpoint (`ProcessRunner`); from Kafka it is a consumer group
 * of `itsm.incidents.events.v1` of its own, a failing message redelivered until it passes (each step is idempotent).
 * Started once the app is up, stopped before the event log closes; reports to the host's process monitor.
 */
@Injectable()
export class ChangesProcessesHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChangesProcesses');
  private runner: ProcessRunner | undefined;
  private subscription: MessageSubscription | undefined;
  private readonly busStatus: ProcessStatus = { name: CAUSED_INCIDENTS_PROCESS, position: -1, consecutiveFailures: 0, failuresTotal: 0, lastError: null, lastErrorAt: null };

  constructor(
    private readonly causedIncidents: CausedIncidentsProcess,
    @Inject(CHANGES_PROCESSES_OPTIONS) private readonly options: ChangesProcessesOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlExecutor,
    @Optional() @Inject(MESSAGE_BUS) private readonly bus?: MessageBus,
    @Optional() @Inject(PROCESS_MONITOR) private readonly monitor?: ProcessMonitor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.eventsFrom === 'message-bus') return this.followKafka();
    this.runner = await ProcessRunner.create({
      db: this.db,
      source: this.store,
      processes: [this.causedIncidents],
      onFailure: (process, error, status) => this.logger.error(`${process} failed (attempt ${status.consecutiveFailures} on this event, retrying): ${message(error)}`),
    });
    this.monitor?.register(() => this.runner?.statuses() ?? []);
    await this.runner.start();
  }

  private async followKafka(): Promise<void> {
    if (!this.bus) throw new Error('The caused-incidents process follows Kafka: it needs MessageBusModule');
    const { topicPrefix } = this.options;
    this.monitor?.register(() => [this.busStatus]);
    this.subscription = await this.bus.subscribe({
      groupId: `${topicPrefix}changes-${CAUSED_INCIDENTS_PROCESS.replace(/_/g, '-')}`,
      topics: [`${topicPrefix}${eventsTopic('incidents')}`],
      fromBeginning: true,
      handler: async (incoming) => {
        const event = upcastEvent(fromCloudEventMessage(incoming));
        if (!this.causedIncidents.eventTypes.includes(event.type)) return;
        try {
          await this.causedIncidents.handle(event);
          this.busStatus.position = Math.max(this.busStatus.position, event.globalPosition);
          this.busStatus.consecutiveFailures = 0;
        } catch (error) {
          // Thrown on: the bus delivers the message again, and nothing after it on its partition goes first.
          this.busStatus.consecutiveFailures++;
          this.busStatus.failuresTotal++;
          this.busStatus.lastError = message(error);
          this.busStatus.lastErrorAt = new Date().toISOString();
          this.logger.error(`${CAUSED_INCIDENTS_PROCESS} failed on ${event.type} ${event.eventId} (attempt ${this.busStatus.consecutiveFailures}, redelivered): ${message(error)}`);
          // Backs off before the redelivery (200 ms doubling to 30 s), as the runner from the log does.
          await new Promise((resume) => setTimeout(resume, Math.min(200 * 2 ** (this.busStatus.consecutiveFailures - 1), 30_000)));
          throw error;
        }
      },
      onError: (error) => this.logger.error(`${CAUSED_INCIDENTS_PROCESS} stopped following Kafka: ${message(error)}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    await this.runner?.stop();
    this.logger.log('caused-incidents process stopped');
  }
}
