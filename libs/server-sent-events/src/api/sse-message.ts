import type { RecordedEvent } from '@itsm/event-sourcing';
import { contextOfStream } from '@itsm/contracts';
import { cloudEventType, toCloudEventJson } from '@itsm/messaging';

/** The CloudEvents type an event goes out as (the feed hands over upcast events: today's version). */
export const cloudEventTypeOf = (event: RecordedEvent): string => cloudEventType(contextOfStream(event.streamId), event.type, event.schemaVersion);

/**
 * One server-sent event: `id` the log position (what the client sends back as Last-Event-ID), `event` the
 * CloudEvents type, `data` the CloudEvent in structured JSON (one line: JSON.stringify never breaks lines).
 */
export const sseMessage = (event: RecordedEvent): string =>
  `id: ${event.globalPosition}\nevent: ${cloudEventTypeOf(event)}\ndata: ${JSON.stringify(toCloudEventJson(event))}\n\n`;

/** A comment line: ignored by EventSource, it keeps proxies from closing an idle connection and shows the link is alive. */
export const sseHeartbeat = (): string => `: heartbeat ${new Date().toISOString()}\n\n`;

/** How long an EventSource waits before it reconnects after the connection dropped. */
export const sseRetry = (milliseconds: number): string => `retry: ${milliseconds}\n\n`;
