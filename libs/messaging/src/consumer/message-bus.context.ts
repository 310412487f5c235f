import { BaseRpcContext } from '@nestjs/microservices';
import type { SqlSession } from '@itsm/event-store';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { IncomingMessage } from '../port/message-bus.port';
import type { HandledEvents } from './handled-events';

/** What the handlers of one attempt at one message share. */
export interface AttemptState {
  /** 1 for the first delivery, 2 for the first retry… */
  attempt: number;
  handledEvents?: HandledEvents;
  /** The consumer name idempotent transactions use when the handler names none (the transport's group id). */
  defaultConsumer: string;
  /** Consumer names already used in this attempt: two handlers sharing one would skip each other's effect. */
  consumersUsed: Set<string>;
  /** The error a handler's transaction threw, kept because Nest's default filter replaces it with a generic one. */
  failure?: unknown;
}

export interface IdempotentTransactionOptions {
  /** Whose effect this is; defaults to the transport's consumer group. Name it when several handlers take one event. */
  consumer?: string;
}

/**
 * The `@Ctx()` of a `MessageBusTransport` handler: the raw message's coordinates, and `transaction`, which
 * applies the handler's effect at most once per consumer and event.
 */
export class MessageBusContext extends BaseRpcContext<[IncomingMessage, RecordedEvent]> {
  constructor(
    message: IncomingMessage,
    event: RecordedEvent,
    private readonly state: AttemptState,
  ) {
    super([message, event]);
  }

  getMessage(): IncomingMessage {
    return this.args[0];
  }
  getTopic(): string {
    return this.args[0].topic;
  }
  getPartition(): number {
    return this.args[0].partition;
  }
  getOffset(): string {
    return this.args[0].offset;
  }
  getKey(): string {
    return this.args[0].key;
  }
  /** The event as the handler sees it (already upcast to its latest schema version); also the payload. */
  getEvent(): RecordedEvent {
    return this.args[1];
  }
  getAttempt(): number {
    return this.state.attempt;
  }

  /**
   * Runs `work` in one database transaction together with the record "this consumer handled this event".
   * On a redelivery the record is found, `work` is skipped, and this resolves false; else true.
   */
  async transaction(
    work: (tx: SqlSession) => Promise<void>,
    options: IdempotentTransactionOptions = {},
  ): Promise<boolean> {
    const { handledEvents } = this.state;
    if (!handledEvents) {
      throw new Error('MessageBusTransport: idempotent transactions need the `idempotency` option (executor, schema)');
    }
    const consumer = options.consumer ?? this.state.defaultConsumer;
    if (this.state.consumersUsed.has(consumer)) {
      throw new Error(
        `two idempotent transactions for consumer "${consumer}" on one event: give each handler its own { consumer } name`,
      );
    }
    this.state.consumersUsed.add(consumer);
    try {
      return await handledEvents.runOnce(consumer, this.getEvent().eventId, work);
    } catch (error) {
      this.state.failure ??= error;
      throw error;
    }
  }

  /** Called by `MessageBusErrorFilter` with what the handler threw. */
  recordFailure(error: unknown): void {
    this.state.failure ??= error;
  }
}
