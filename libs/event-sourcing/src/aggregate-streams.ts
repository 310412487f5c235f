import type { Decider } from './decider';
import type { DomainEvent, EventMetadata, RecordedEvent } from './envelope';
import { NO_STREAM_REVISION } from './expected-revision';
import { decisionOf, type WritePipeline } from './write-pipeline';

export interface AggregateStreamsOptions<Command extends { type: string }, State extends { status: string }, Event extends DomainEvent> {
  pipeline: WritePipeline;
  decider: Decider<Command, State, Event>;
  /** The aggregate's stream; throws the not-found error for an id that cannot name one (not a uuid). */
  streamOf: (id: string) => string;
  /** The command that brings the aggregate into being; every other command on an absent one is not found. */
  creatingCommand: Command['type'];
  notFound: (id: string) => Error;
}

export interface LoadedAggregate<State> {
  state: State;
  /** Revision of the stream's last event: the resource's ETag. */
  revision: number;
}

export interface AggregateCommandOptions {
  metadata: EventMetadata;
  /** The revision the caller saw (`If-Match`); without one a concurrent append is retried on fresh state. */
  expectedRevision?: number;
}

export interface AggregateCommandResult<State> {
  id: string;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  /** The aggregate as the command left it. */
  state: State;
  /** Events appended (none when the command changed nothing). */
  events: RecordedEvent[];
}

/**
 * One decider per stream through the kernel's write pipeline, for the common case: an aggregate that exists once
 * its creating command ran. A command on an absent aggregate is not found (404), not an illegal transition (409):
 * the id was wrong, not the state.
 */
export class AggregateStreams<Command extends { type: string }, State extends { status: string }, Event extends DomainEvent> {
  private readonly absentStatus: string;

  constructor(private readonly options: AggregateStreamsOptions<Command, State, Event>) {
    this.absentStatus = options.decider.initialState().status;
  }

  /** The aggregate as its stream says now; throws the not-found error when it does not exist. */
  async load(id: string): Promise<LoadedAggregate<State>> {
    const loaded = await this.loadEvenIfAbsent(id);
    if (!this.exists(loaded.state)) throw this.options.notFound(id);
    return loaded;
  }

  /** The state even when absent (the initial state), for rules that look at another aggregate. */
  loadEvenIfAbsent(id: string): Promise<LoadedAggregate<State>> {
    const { decider, pipeline, streamOf } = this.options;
    return pipeline.load(streamOf(id), (events) => (events as unknown as Event[]).reduce(decider.evolve, decider.initialState()));
  }

  exists(state: State): boolean {
    return state.status !== this.absentStatus;
  }

  /**
   * Runs the creating command on an id just drawn (`newId()`): no stream can hold it yet, so none is read; the append
   * expects no stream, and fails with WrongExpectedRevisionError should one exist after all.
   */
  async create(id: string, command: Command, options: Pick<AggregateCommandOptions, 'metadata'>): Promise<AggregateCommandResult<State>> {
    const { decider, pipeline, streamOf, creatingCommand } = this.options;
    if (command.type !== creatingCommand) throw new Error(`${command.type} does not create the aggregate (${creatingCommand} does)`);
    const loaded = { state: decider.initialState(), revision: NO_STREAM_REVISION };
    const executed = await pipeline.execute(streamOf(id), decisionOf(decider, command), { metadata: options.metadata, loaded });
    return { id, revision: executed.revision, state: executed.state, events: executed.events };
  }

  async execute(id: string, command: Command, options: AggregateCommandOptions): Promise<AggregateCommandResult<State>> {
    const { decider, pipeline, streamOf, creatingCommand, notFound } = this.options;
    const decision = decisionOf(decider, command);
    const creates = command.type === creatingCommand;
    const executed = await pipeline.execute(
      streamOf(id),
      {
        ...decision,
        decide: (state) => {
          if (!creates && !this.exists(state)) throw notFound(id);
          return decision.decide(state);
        },
      },
      options,
    );
    return { id, revision: executed.revision, state: executed.state, events: executed.events };
  }
}
