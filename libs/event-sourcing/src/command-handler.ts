import type { Decider } from './decider';
import type { DomainEvent, EventMetadata, NewEvent, RecordedEvent } from './envelope';
import { ExpectedRevision, NO_STREAM_REVISION, WrongExpectedRevisionError } from './expected-revision';

/** The part of the event store a command handler needs (the full port lives in @itsm/event-store). */
export interface StreamReaderWriter {
  readStream(streamId: string): Promise<RecordedEvent[]>;
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

/** Loads a stream, decides on the command and appends the result with optimistic concurrency. */
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
  const attempts = options.retryOnConflict?.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await decideAndAppend(store, decider, streamId, command, metadata, options);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
    }
  }
};

const decideAndAppend = async <Command, State, Event extends DomainEvent>(
  store: StreamReaderWriter,
  decider: Decider<Command, State, Event>,
  streamId: string,
  command: Command,
  metadata: EventMetadata,
  options: HandleOptions,
): Promise<HandleResult<State>> => {
  const recorded = await store.readStream(streamId);
  const currentRevision = recorded.length === 0 ? NO_STREAM_REVISION : recorded[recorded.length - 1].streamRevision;
  if (options.expectedRevision !== undefined && options.expectedRevision !== currentRevision) {
    throw new WrongExpectedRevisionError(streamId, options.expectedRevision, currentRevision);
  }
  const upcast = options.upcast ?? ((event: RecordedEvent) => event);
  const state = recorded.map((event) => upcast(event) as Event).reduce(decider.evolve, decider.initialState());
  const decided = decider.decide(command, state);
  if (decided.length === 0) {
    return { state, newEvents: [], nextExpectedRevision: currentRevision };
  }
  const appended = await store.appendToStream(
    streamId,
    decided.map((event) => ({ type: event.type, data: event.data, metadata })),
    { expectedRevision: currentRevision === NO_STREAM_REVISION ? 'no-stream' : currentRevision },
  );
  return {
    state: decided.reduce(decider.evolve, state),
    newEvents: appended.events,
    nextExpectedRevision: appended.nextExpectedRevision,
  };
};
