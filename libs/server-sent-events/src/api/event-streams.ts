import type { Request, Response } from 'express';
import { upcastEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { ProblemException, ProblemType } from '@itsm/platform-kit';
import { inDeliverySpan, tracingEnabled } from '@itsm/telemetry';
import { EventFeed, PositionAheadOfLog } from '../feed/event-feed';
import type { LiveLogTail } from '../feed/live-log-tail';
import type { EventStreamSettings } from '../event-stream.settings';
import type { EventSelection } from '../selection/event-selection';
import type { EventVisibility, Reader } from '../visibility/event-visibility';
import { cloudEventTypeOf, sseHeartbeat, sseMessage, sseRetry } from './sse-message';

export interface OpenStreamRequest {
  reader: Reader;
  selection: EventSelection;
  after: number | undefined;
  request: Request;
  response: Response;
}

const RECONNECT_AFTER_MS = 2_000;

/** The open event streams of this process: each one a feed written to its response, all ended on shutdown. */
export class EventStreams {
  private readonly open = new Set<() => void>();
  /** A tail event goes to every client as the same object: formatted once, not once per client. */
  private readonly formatted = new WeakMap<RecordedEvent, string>();
  /** Decided once: with tracing off an event is written with no span around it. */
  private readonly traced = tracingEnabled();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly tail: LiveLogTail,
    private readonly visibility: EventVisibility,
    private readonly settings: EventStreamSettings,
  ) {}

  get count(): number {
    return this.open.size;
  }

  /** Answers with the stream and resolves when it ended (client gone, shutdown, or the store failed). */
  async serve({ reader, selection, after, request, response }: OpenStreamRequest): Promise<void> {
    const write = (event: RecordedEvent) => {
      response.write(this.messageOf(event));
      // A client that reads slower than the log grows is cut rather than held in memory; it resumes by id.
      if (response.writableLength > this.settings.maxBufferedBytes) end();
    };
    const feed = new EventFeed({
      store: this.store,
      tail: this.tail,
      after,
      filter: selection.eventTypes ? { types: selection.eventTypes } : undefined,
      upcast: upcastEvent,
      accept: (event) => selection.matches(cloudEventTypeOf(event)) && this.visibility.canRead(reader, event),
      // Each event written to this client in a span of the event's trace, linked to this stream's request.
      send: this.traced ? (event) => inDeliverySpan('sse', event, `reader ${reader.id}`, async () => write(event)) : write,
    });
    try {
      await feed.open();
    } catch (error) {
      if (error instanceof PositionAheadOfLog) throw aheadOfLog(error);
      throw error;
    }
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // Reverse proxies (nginx) would otherwise buffer the stream.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write(sseRetry(RECONNECT_AFTER_MS));
    const heartbeat = setInterval(() => response.write(sseHeartbeat()), this.settings.heartbeatMs);
    const end = () => feed.stop();
    this.open.add(end);
    request.once('close', end);
    try {
      await feed.run();
    } catch {
      // The log failed under the stream: end it; the client reconnects with its Last-Event-ID.
    } finally {
      clearInterval(heartbeat);
      this.open.delete(end);
      request.off('close', end);
      if (!response.writableEnded) response.end();
    }
  }

  private messageOf(event: RecordedEvent): string {
    let message = this.formatted.get(event);
    if (message === undefined) this.formatted.set(event, (message = sseMessage(event)));
    return message;
  }

  /** Ends every open stream (the process is stopping); clients reconnect elsewhere with their Last-Event-ID. */
  endAll(): void {
    for (const end of [...this.open]) end();
  }
}

const aheadOfLog = (error: PositionAheadOfLog) =>
  new ProblemException({
    type: ProblemType.validation,
    title: 'Invalid request',
    status: 400,
    detail: `${error.message}: a Last-Event-ID comes from this installation's stream`,
    errors: [{ field: 'Last-Event-ID', message: 'is ahead of the log' }],
  });
