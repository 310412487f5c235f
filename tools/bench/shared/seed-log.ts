import { streamName } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { incidentEvents } from '../event-store/incident-event';
import { progress } from './report';
import { elapsedMs } from './stats';

export interface SeedOptions {
  /** Events in the log when done. */
  events: number;
  streams: number;
  /** Events per append (one stream each); the appends go round-robin over the streams. */
  eventsPerAppend: number;
  /** Prefix of the progress lines. */
  label: string;
}

/** Stream types of four contexts, so the log spreads over four topics as a real one would. */
const STREAM_TYPES = ['incident', 'change', 'service', 'budget'];

export const benchStreamIds = (count: number): string[] =>
  Array.from({ length: count }, (_, index) =>
    streamName(STREAM_TYPES[index % STREAM_TYPES.length]),
  );

/**
 * Fills a log with the event-store part's ~500-byte incident facts, round-robin over `streams` streams so that
 * consecutive events belong to different streams. Returns the stream ids; reports progress every ~20%.
 */
export const seedLog = async (
  store: EventStore,
  { events, streams, eventsPerAppend, label }: SeedOptions,
): Promise<string[]> => {
  const ids = benchStreamIds(streams);
  const revisions = ids.map(() => -1);
  const appends = Math.ceil(events / eventsPerAppend);
  const step = Math.max(1, Math.round(appends / 5));
  const start = process.hrtime.bigint();
  let written = 0;
  for (let index = 0; index < appends; index++) {
    const stream = index % ids.length;
    const batch = incidentEvents(
      Math.min(eventsPerAppend, events - written),
      written,
    );
    await store.appendToStream(ids[stream], batch, {
      expectedRevision:
        revisions[stream] === -1 ? 'no-stream' : revisions[stream],
    });
    revisions[stream] += batch.length;
    written += batch.length;
    if ((index + 1) % step === 0 || index + 1 === appends)
      progress(
        `${label} seeding the log: ${written.toLocaleString('en-US')}/${events.toLocaleString('en-US')} events (${Math.round((written / elapsedMs(start)) * 1000).toLocaleString('en-US')} ev/s)`,
      );
  }
  return ids;
};
