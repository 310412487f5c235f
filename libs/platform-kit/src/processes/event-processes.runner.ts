import { upcastEvent, type EventContext } from '@itsm/contracts';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { eventsTopic, fromCloudEventMessage, type MessageBus, type MessageSubscription } from '@itsm/messaging';
import { ProcessRunner, type EventProcess, type ProcessStatus } from '@itsm/projections';
import { inReactionSpan, tracingEnabled } from '@itsm/telemetry';
import type { ProcessMonitor } from './process-monitor';

/** Where a context's processes take other contexts' events from: the log (embedded, single host) or Kafka. */
export type ProcessEventSource = 'event-store' | 'message-bus';

export interface EventProcessesRunnerOptions {
  processes: readonly EventProcess[];
  eventsFrom: ProcessEventSource;
  /** From Kafka: the contexts whose events topics the processes follow. */
  contexts: readonly EventContext[];
  /** From Kafka: the context that runs them; each process is the consumer group `<prefix><context>-<process name, dashed>`. */
  context: string;
  /** Prepended to topics and consumer groups (ITSM_TOPIC_PREFIX). */
  topicPrefix: string;
  db: SqlExecutor;
  store: EventStore;
  bus?: MessageBus;
  monitor?: ProcessMonitor;
  log: { error(message: string): void };
}

/** With tracing on, each step is a span in the trace of the event that caused it (its commands' appends too). */
const traced = (process: EventProcess): EventProcess => ({
  name: process.name,
  eventTypes: process.eventTypes,
  handle: (event) => inReactionSpan(process.name, event, () => process.handle(event)),
});

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs a context's event-driven processes (each step idempotent, delivered at least once). From the log it follows
 * one checkpoint per process (`ProcessRunner`); from Kafka each process is a consumer group of its own on the
 * contexts' topics, a failing message redelivered (backoff 200 ms doubling to 30 s) and nothing after it on its
 * partition handled first. Reports to the host's process monitor. A host calls `start()` once the app is up and
 * `stop()` before the event log closes.
 */
export class EventProcessesRunner {
  private runner: ProcessRunner | undefined;
  private readonly subscriptions: MessageSubscription[] = [];
  private readonly processes: readonly EventProcess[];

  constructor(private readonly options: EventProcessesRunnerOptions) {
    this.processes = tracingEnabled() ? options.processes.map(traced) : options.processes;
  }

  async start(): Promise<void> {
    const { eventsFrom, db, store, monitor, log } = this.options;
    const { processes } = this;
    if (processes.length === 0) return;
    if (eventsFrom === 'message-bus') return this.followKafka();
    this.runner = await ProcessRunner.create({
      db,
      source: store,
      processes: [...processes],
      onFailure: (process, error, status) => log.error(`${process} failed (attempt ${status.consecutiveFailures} on this event, retrying): ${message(error)}`),
    });
    monitor?.register(() => this.runner?.statuses() ?? []);
    await this.runner.start();
  }

  private async followKafka(): Promise<void> {
    const { bus, contexts, context, topicPrefix, monitor, log } = this.options;
    const { processes } = this;
    if (!bus) throw new Error(`The ${context} processes follow Kafka: they need MessageBusModule`);
    for (const process of processes) {
      const status: ProcessStatus = { name: process.name, position: -1, consecutiveFailures: 0, failuresTotal: 0, lastError: null, lastErrorAt: null };
      monitor?.register(() => [status]);
      this.subscriptions.push(
        await bus.subscribe({
          groupId: `${topicPrefix}${context}-${process.name.replace(/_/g, '-')}`,
          topics: contexts.map((from) => `${topicPrefix}${eventsTopic(from)}`),
          fromBeginning: true,
          handler: async (incoming) => {
            const event = upcastEvent(fromCloudEventMessage(incoming));
            if (!process.eventTypes.includes(event.type)) return;
            try {
              await process.handle(event);
              status.position = Math.max(status.position, event.globalPosition);
              status.consecutiveFailures = 0;
            } catch (error) {
              // Thrown on: the bus delivers the message again, and nothing after it on its partition goes first.
              status.consecutiveFailures++;
              status.failuresTotal++;
              status.lastError = message(error);
              status.lastErrorAt = new Date().toISOString();
              log.error(`${process.name} failed on ${event.type} ${event.eventId} (attempt ${status.consecutiveFailures}, redelivered): ${message(error)}`);
              await new Promise((resume) => setTimeout(resume, Math.min(200 * 2 ** (status.consecutiveFailures - 1), 30_000)));
              throw error;
            }
          },
          onError: (error) => log.error(`${process.name} stopped following Kafka: ${message(error)}`),
        }),
      );
    }
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) await subscription.stop();
    await this.runner?.stop();
  }
}
