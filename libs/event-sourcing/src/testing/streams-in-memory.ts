import type { NewEvent, RecordedEvent } from '../envelope';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../expected-revision';
import type { StreamReaderWriter } from '../command-handler';

/** Just enough of a store: streams in memory, expected revisions checked, appends recorded. */
export class StreamsInMemory implements StreamReaderWriter {
  readonly streams = new Map<string, RecordedEvent[]>();
  readonly appends: Array<{ streamId: string; events: NewEvent[]; expectedRevision: ExpectedRevision }> = [];
  private position = 0;
  /** Runs once, right before the next append is checked: another writer getting there first. */
  beforeNextAppend: (() => void) | undefined;

  async readStream(streamId: string, options?: { asOf?: Date }) {
    const events = this.streams.get(streamId) ?? [];
    return options?.asOf ? events.filter((event) => event.recordedAt <= (options.asOf as Date).toISOString()) : [...events];
  }

  async appendToStream(streamId: string, events: NewEvent[], { expectedRevision }: { expectedRevision: ExpectedRevision }) {
    const interloper = this.beforeNextAppend;
    this.beforeNextAppend = undefined;
    interloper?.();
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const matches = expectedRevision === 'any' || (expectedRevision === 'no-stream' ? current === -1 : expectedRevision === current);
    if (!matches) throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    this.appends.push({ streamId, events, expectedRevision });
    const recorded = events.map((event, index): RecordedEvent => ({
      eventId: `e${++this.position}`,
      type: event.type,
      data: event.data,
      schemaVersion: event.schemaVersion ?? 1,
      streamId,
      streamRevision: current + 1 + index,
      globalPosition: this.position,
      occurredAt: (event.occurredAt ?? new Date('2026-12-01T10:00:00Z')).toISOString(),
      recordedAt: `2026-12-01T10:00:0${Math.min(9, this.position)}.000Z`,
      actor: event.metadata.actor,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId ?? null,
      traceparent: event.metadata.traceparent ?? null,
      hash: 'h',
    }));
    this.streams.set(streamId, [...stream, ...recorded]);
    return { nextExpectedRevision: current + events.length, events: recorded };
  }
}
