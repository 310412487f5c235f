import type { DomainEvent, EventMetadata, RecordedEvent } from './envelope';
import { NO_STREAM_REVISION, WrongExpectedRevisionError, type ExpectedRevision } from './expected-revision';
import type { StreamReaderWriter } from './command-handler';
import type { Decider } from './decider';

/**
 * What the pipeline needs to know of one stream to run a command on it: how to fold its events into state (one
 * or several deciders' evolve: an incident stream holds the incident's and its SLA timers' events), the
 * decision, and the stream-local policies that add what follows from it to the same append.
 */
export interface StreamDecision<State> {
  /** The stream's state from its events (upcast, in order); may look things up (calendars the timers count in). */
  fold(events: readonly RecordedEvent[]): State | Promise<State>;
  /** One event more: for the state after the decision and for the policies. */
  evolve(state: State, event: DomainEvent): State;
  /** The command's events on this state (none: nothing to do). Refusals throw. */
  decide(state: State): DomainEvent[] | Promise<DomainEvent[]>;
  /**
   * Stream-local policies, in order: each sees the state before the command and the events decided so far, and
   * returns events that follow from them in the same stream and the same append (the SLA engine's reactions).
   */
  policies?: ReadonlyArray<StreamPolicy<State>>;
}

export type StreamPolicy<State> = (before: State, decided: readonly DomainEvent[], after: State) => DomainEvent[] | Promise<DomainEvent[]>;

export interface ExecuteOptions<State = unknown> {
  metadata: EventMetadata;
  /** The revision the caller saw (`If-Match`): a stale one fails with WrongExpectedRevisionError, never retried. */
  expectedRevision?: number;
  /**
   * The stream's state and revision as the caller just loaded them (`load`), so that a long stream is not read and
   * folded again: the decision runs on it and the append expects that revision; another write in between fails with
   * WrongExpectedRevisionError, never retried here (the caller loads again).
   */
  loaded?: { state: State; revision: number };
  /** When the command happened (the events' `occurredAt`); default the store's recording time. */
  occurredAt?: Date;
}

export interface ExecutedCommand<State> {
  /** The state before the command, and after its events (equal when it changed nothing). */
  before: State;
  state: State;
  /** Events appended, in stream order (none when the command changed nothing). */
  events: RecordedEvent[];
  /** Revision of the stream's last event after the command (-1: still empty): the new ETag. */
  revision: number;
}

export interface WritePipelineOptions {
  store: StreamReaderWriter;
  /** Brings each stored event to the latest schema of its type before it is folded. */
  upcast?: (event: RecordedEvent) => RecordedEvent;
  /** The schema version every event type is written in today (from the contracts); default 1. */
  schemaVersionOf?: (type: string) => number;
  /** Attempts when another writer appended first and the caller named no revision; default 3. */
  attemptsOnConflict?: number;
}

/**
 * The one write path of every context: load the stream and upcast it, fold, decide, run the stream-local
 * policies, stamp each event's schema version, and append with the revision the state was folded from. When
 * another writer got there first and the caller named no revision, the whole read–decide–append runs again on
 * the fresh stream.
 */
export class WritePipeline {
  private readonly upcast: (event: RecordedEvent) => RecordedEvent;
  private readonly schemaVersionOf: (type: string) => number;
  private readonly attempts: number;

  constructor(private readonly options: WritePipelineOptions) {
    this.upcast = options.upcast ?? ((event) => event);
    this.schemaVersionOf = options.schemaVersionOf ?? (() => 1);
    this.attempts = options.attemptsOnConflict ?? 3;
  }

  /** The stream's state and revision as recorded now (or up to `asOf`), without deciding anything. */
  async load<State>(streamId: string, fold: StreamDecision<State>['fold'], asOf?: Date): Promise<{ state: State; revision: number }> {
    const events = await this.read(streamId, asOf);
    return { state: await fold(events), revision: revisionOf(events) };
  }

  async execute<State>(streamId: string, decision: StreamDecision<State>, options: ExecuteOptions<State>): Promise<ExecutedCommand<State>> {
    const attempts = options.expectedRevision === undefined && options.loaded === undefined ? this.attempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(streamId, decision, options);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
      }
    }
  }

  private async once<State>(streamId: string, decision: StreamDecision<State>, options: ExecuteOptions<State>): Promise<ExecutedCommand<State>> {
    const recorded = options.loaded === undefined ? await this.read(streamId) : null;
    const revision = options.loaded?.revision ?? revisionOf(recorded ?? []);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, revision);
    }
    const before = options.loaded === undefined ? await decision.fold(recorded ?? []) : options.loaded.state;
    const decided = await decision.decide(before);
    let state = decided.reduce(decision.evolve, before);
    const events = [...decided];
    for (const policy of decision.policies ?? []) {
      const following = await policy(before, events, state);
      events.push(...following);
      state = following.reduce(decision.evolve, state);
    }
    if (events.length === 0) return { before, state, events: [], revision };
    const appended = await this.options.store.appendToStream(
      streamId,
      events.map((event) => ({
        type: event.type,
        data: event.data,
        schemaVersion: this.schemaVersionOf(event.type),
        metadata: options.metadata,
        occurredAt: options.occurredAt,
      })),
      { expectedRevision: expectedFor(revision) },
    );
    return { before, state, events: appended.events, revision: appended.nextExpectedRevision };
  }

  private async read(streamId: string, asOf?: Date): Promise<RecordedEvent[]> {
    const events = await this.options.store.readStream(streamId, asOf ? { asOf } : undefined);
    return events.map(this.upcast);
  }
}

/** A plain decider's command as a stream decision (one decider on the stream, no policies). */
export const decisionOf = <Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  command: Command,
): StreamDecision<State> => ({
  fold: (events) => (events as unknown as Event[]).reduce(decider.evolve, decider.initialState()),
  evolve: (state, event) => decider.evolve(state, event as Event),
  decide: (state) => decider.decide(command, state),
});

const revisionOf = (events: readonly RecordedEvent[]): number =>
  events.length === 0 ? NO_STREAM_REVISION : events[events.length - 1].streamRevision;

const expectedFor = (revision: number): ExpectedRevision => (revision === NO_STREAM_REVISION ? 'no-stream' : revision);
