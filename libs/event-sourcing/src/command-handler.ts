import type { Decider } from './decider';
import type { DomainEvent, EventMetadata, NewEvent, RecordedEvent } from './envelope';
import type { ExpectedRevision } from './expected-revision';
import { decisionOf, WritePipeline } from './write-pipeline';

/** The part of the event store a command handler needs (the full port lives in @itsm/event-store). */
export interface StreamReaderWriter {
  /** The stream's events in order; with `asOf`, only those recorded at or before it. */
  readStream(streamId: string, options?: { asOf?: Date }): Promise<RecordedEvent[]>;
  appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<{ nextExpectedRevision: number; events: RecordedEvent[] }>;
}

export interface HandleOptions {
  /** Revision the caller saw (from `If-Match`); without it, the revision read here is used. */
  expectedRevision?: number;
  /** Retry read–decide–append on a concurrency conflict; only valid when the caller gave no revision. */
  retryOnConflict?: { attempts: number };
  /** Upcasts stored events to the shape `evolve` expects. */
  upcast?: (event: RecordedEvent) => DomainEvent;
}

export interface HandleResult<State> {
  state: State;
  newEvents: RecordedEvent[];
  /** Revision of the stream's last event after the append (-1 if the stream is still empty). */
  nextExpectedRevision: number;
}

/**
 * One decider's command on one stream, through the `WritePipeline` (load, upcast, decide, append with the folded
 * revision). Contexts with several deciders or stream-local policies on a stream use the pipeline directly.
 */
export const handleCommand = async <Command, State, Event extends DomainEvent>(
  store: StreamReaderWriter,
  decider: Decider<Command, State, Event>,
  streamId: string,
  command: Command,
  metadata: EventMetadata,
  options: HandleOptions = {},
): Promise<HandleResult<State>> => {
  if (options.retryOnConflict && options.expectedRevision !== undefined) {
    throw new Error('retryOnConflict cannot be combined with a caller-supplied expectedRevision');
  }
  const pipeline = new WritePipeline({
    store,
    upcast: options.upcast as ((event: RecordedEvent) => RecordedEvent) | undefined,
    attemptsOnConflict: options.retryOnConflict?.attempts ?? 1,
  });
  const executed = await pipeline.execute(streamId, decisionOf(decider, command), { metadata, expectedRevision: options.expectedRevision });
  return { state: executed.state, newEvents: executed.events, nextExpectedRevision: executed.revision };
};
