import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import { readLogPages } from '../log/read-log-pages';

export type ExportFormat = 'jsonl' | 'csv';

/** A bound of the export: a global position, or a recording time (RFC 3339). */
export type ExportBound = { position: number } | { time: Date };

export interface ExportOptions {
  format: ExportFormat;
  /** Inclusive. */
  from?: ExportBound;
  /** Inclusive. */
  to?: ExportBound;
  /** Events per read; default 5000. */
  batchSize?: number;
  onProgress?(progress: { events: number; position: number; head: number }): void;
  /** Called with each event written, in order (the audit export runs its control checks on them). */
  observe?(event: RecordedEvent): void;
}

export interface ExportSummary {
  format: ExportFormat;
  /** Events written. */
  events: number;
  /** Events read (a time bound reads the log around it). */
  scanned: number;
  firstPosition: number | null;
  lastPosition: number | null;
  /** The log's head when the export started: it goes no further. */
  head: number;
  bytes: number;
  seconds: number;
  eventsPerSecond: number;
}

/** The CSV columns, in order; `data` holds the event's facts as JSON text. */
export const CSV_COLUMNS = [
  'globalPosition',
  'streamId',
  'streamRevision',
  'eventId',
  'type',
  'schemaVersion',
  'occurredAt',
  'recordedAt',
  'actorId',
  'actorRole',
  'actorVia',
  'correlationId',
  'causationId',
  'traceparent',
  'hash',
  'data',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csvLine = (event: RecordedEvent): string =>
  [
    event.globalPosition,
    event.streamId,
    event.streamRevision,
    event.eventId,
    event.type,
    event.schemaVersion,
    event.occurredAt,
    event.recordedAt,
    event.actor?.id,
    event.actor?.role,
    event.actor?.via,
    event.correlationId,
    event.causationId,
    event.traceparent,
    event.hash,
    JSON.stringify(event.data),
  ]
    .map(csvField)
    .join(',');

/** The event exactly as recorded: the envelope of DESIGN §3 with its position and hash, one JSON object per line. */
const jsonLine = (event: RecordedEvent): string =>
  JSON.stringify({
    globalPosition: event.globalPosition,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    traceparent: event.traceparent,
    hash: event.hash,
    data: event.data,
  });

const within = (event: RecordedEvent, from: ExportBound | undefined, to: ExportBound | undefined): boolean => {
  if (from && ('position' in from ? event.globalPosition < from.position : Date.parse(event.recordedAt) < from.time.getTime())) return false;
  if (to && ('position' in to ? event.globalPosition > to.position : Date.parse(event.recordedAt) > to.time.getTime())) return false;
  return true;
};

/**
 * Writes the log's events, as stored (not upcast), in global order, in constant memory: pages are read one ahead
 * and each is written before the next is asked for, waiting on the stream's backpressure (`drain`). A position
 * bound reads only that part of the log; a time bound reads it all and keeps the events recorded in the window
 * (recording times only roughly follow positions, so the log cannot be cut by time).
 */
export const exportEvents = async (store: Pick<EventStore, 'readAll'>, out: Writable, options: ExportOptions): Promise<ExportSummary> => {
  const started = performance.now();
  const logHead = await readHeadPosition(store);
  const head = options.to && 'position' in options.to ? Math.min(options.to.position, logHead) : logHead;
  const after = options.from && 'position' in options.from ? options.from.position - 1 : -1;
  const toLine = options.format === 'csv' ? csvLine : jsonLine;
  let events = 0;
  let scanned = 0;
  let bytes = 0;
  let firstPosition: number | null = null;
  let lastPosition: number | null = null;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (options.format === 'csv') await write(`${CSV_COLUMNS.join(',')}\r\n`);
  const newline = options.format === 'csv' ? '\r\n' : '\n';
  for await (const page of readLogPages(store, { after, upTo: head, batchSize: options.batchSize })) {
    let chunk = '';
    for (const event of page) {
      scanned++;
      if (!within(event, options.from, options.to)) continue;
      chunk += toLine(event) + newline;
      options.observe?.(event);
      firstPosition ??= event.globalPosition;
      lastPosition = event.globalPosition;
      events++;
    }
    if (chunk) await write(chunk);
    options.onProgress?.({ events, position: page[page.length - 1].globalPosition, head });
  }
  const seconds = (performance.now() - started) / 1000;
  return { format: options.format, events, scanned, firstPosition, lastPosition, head, bytes, seconds, eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)) };
};

/** Exports into a file: written to `<file>.partial`, renamed when complete, so a file that is there is whole. */
export const exportEventsToFile = async (store: Pick<EventStore, 'readAll'>, file: string, options: ExportOptions): Promise<ExportSummary> => {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { flags: 'w' });
  try {
    const summary = await exportEvents(store, out, options);
    out.end();
    await once(out, 'close');
    await rename(partial, file);
    return summary;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
};
