import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { SqlExecutor } from '@itsm/event-store';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { EVENT_UPCASTERS, UpcasterRegistry } from '@itsm/contracts';
import { fromCloudEventMessage } from '../cloudevents';
import type { IncomingMessage, MessageBus, MessageSubscription } from '../port/message-bus.port';
import { attemptWithRetries } from './attempt-with-retries';
import { deadLetterMessage, errorClassOf, errorMessageOf } from './dead-letter-message';
import { patternsForEvent, topicsOfPatterns } from './event-pattern';
import { HandledEvents } from './handled-events';
import { MessageBusContext, type AttemptState } from './message-bus.context';
import { retryPolicy, type RetryPolicy } from './retry-policy';

export interface MessageBusTransportOptions {
  /** The bus to consume from and to dead-letter to. Not closed by the transport: its owner closes it. */
  bus: MessageBus;
  /** Consumer group; also the consumer name under which handled events are recorded unless a handler names one. */
  groupId: string;
  /** Turns a bus message into an event; default: the CloudEvents binary mapping of DESIGN §4. */
  decode?: (message: IncomingMessage) => RecordedEvent;
  /** Where `MessageBusContext.transaction` records handled events (`<schema>.handled_events`). */
  idempotency?: { executor: SqlExecutor; schema: string };
  /** Brings older event versions to the latest before a handler sees them. */
  upcasters?: UpcasterRegistry;
  retry?: Partial<RetryPolicy>;
  /** Where a new consumer group starts (default: the beginning of the topics). */
  fromBeginning?: boolean;
}

type TransportStatus = 'connected' | 'disconnected';
type ErrorListener = (error: unknown) => void;

/**
 * A `@nestjs/microservices` transport over our `MessageBus` port (DESIGN §4): `@EventPattern('<topic>')` or
 * `@EventPattern('<topic>#<EventType>')` handlers receive the upcast `RecordedEvent` as payload and a
 * `MessageBusContext`. A failing message is tried again with exponential backoff, then published to
 * `<topic>.dlq` and counted as handled so its partition keeps flowing; the bus commits a message's offset only
 * once its handlers succeeded or its dead letter was acknowledged.
 */
export class MessageBusTransport
  extends Server<Record<string, ErrorListener>, TransportStatus>
  implements CustomTransportStrategy
{
  protected override readonly logger = new Logger(MessageBusTransport.name);
  private readonly retry: RetryPolicy;
  private readonly upcasters: UpcasterRegistry;
  private readonly handledEvents?: HandledEvents;
  private readonly decode: (message: IncomingMessage) => RecordedEvent;
  private readonly errorListeners = new Set<ErrorListener>();
  private readonly closing = new AbortController();
  private subscription?: MessageSubscription;

  constructor(private readonly options: MessageBusTransportOptions) {
    super();
    this.retry = retryPolicy(options.retry);
    this.upcasters = options.upcasters ?? EVENT_UPCASTERS;
    this.decode = options.decode ?? fromCloudEventMessage;
    if (options.idempotency) {
      this.handledEvents = new HandledEvents(options.idempotency.executor, options.idempotency.schema);
    }
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    // Cuts a backoff wait short: that message stays uncommitted and is delivered again after a restart.
    this.closing.abort();
    await this.subscription?.stop();
    this.subscription = undefined;
    this._status$.next('disconnected');
  }

  /** Only `error` (the subscription stopped for good): the bus reports nothing else. */
  on(event: string, callback: ErrorListener): void {
    if (event !== 'error') throw new Error(`MessageBusTransport: no "${event}" event (only "error")`);
    this.errorListeners.add(callback);
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  private async start(): Promise<void> {
    await this.handledEvents?.ensureTable();
    const patterns = new Set(this.messageHandlers.keys());
    const topics = topicsOfPatterns(patterns);
    if (topics.length === 0) return;
    this.subscription = await this.options.bus.subscribe({
      groupId: this.options.groupId,
      topics,
      fromBeginning: this.options.fromBeginning ?? true,
      handler: (message) => this.handleMessage(patterns, message),
      onError: (error) => {
        this.logger.error(`subscription of group ${this.options.groupId} stopped: ${errorMessageOf(error)}`);
        for (const listener of this.errorListeners) listener(error);
      },
    });
    this._status$.next('connected');
  }

  private async handleMessage(patterns: ReadonlySet<string>, message: IncomingMessage): Promise<void> {
    const outcome = await attemptWithRetries(
      (attempt) => this.attempt(patterns, message, attempt),
      this.retry,
      (ms) => sleep(ms, undefined, { signal: this.closing.signal }),
    );
    if (outcome.handled) return;
    this.logger.warn(
      `${message.topic}[${message.partition}]@${message.offset} to the dead-letter topic after ${outcome.attempts} attempts: ` +
        `${errorClassOf(outcome.error)}: ${errorMessageOf(outcome.error)}`,
    );
    // Throws if the broker refuses it: then the message is not committed and comes again.
    await this.options.bus.publish([deadLetterMessage(message, outcome)]);
  }

  /** One attempt: decode and upcast (inside the attempt, so a malformed message also ends in the DLQ), then every matching handler. */
  private async attempt(patterns: ReadonlySet<string>, message: IncomingMessage, attempt: number): Promise<void> {
    const event = this.upcasters.upcast(this.decode(message));
    const state: AttemptState = {
      attempt,
      handledEvents: this.handledEvents,
      defaultConsumer: this.options.groupId,
      consumersUsed: new Set(),
    };
    for (const pattern of patternsForEvent(patterns, message.topic, event.type)) {
      const handler = this.getHandlerByPattern(pattern);
      if (!handler) continue;
      const context = new MessageBusContext(message, event, state);
      try {
        const result = await handler(event, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      } catch (error) {
        // Prefer the handler's own error to the generic one Nest's default filter puts in its place.
        throw state.failure ?? error;
      }
    }
  }
}
