import { changeStreamId } from '@itsm/contracts';
import { IllegalTransition, RuleViolation, type Clock, type DomainEvent, type EventMetadata, type RecordedEvent, type StreamDecision, type WritePipeline } from '@itsm/event-sourcing';
import { changeDecider, type Change, type ChangeCommand, type ChangeEvent, type RaisedChange } from '@itsm/changes-domain';
import { ChangeNotFound } from '../errors';

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

/** A command without the metadata the application adds (`now`, `actor`). */
export type ChangeIntent = WithoutMetadata<ChangeCommand>;

/**
 * One step of a use case: a command, or how to make it from the change as the previous steps left it (facts looked up
 * for that state: a risk assessment, the conflicts of its window). A step that gives null does nothing; an
 * `optional` one also does nothing when the decider refuses it (a re-assessment after an edit: the edit stands).
 */
export type ChangeStep =
  | ChangeIntent
  | { plan: (change: RaisedChange, now: Date) => Promise<ChangeIntent | null> | ChangeIntent | null; optional?: boolean };

export interface ChangeCommandOptions {
  /** The stream revision the caller saw (`If-Match`); a stale one fails with WrongExpectedRevisionError (412). */
  expectedRevision?: number;
}

export interface ChangeCommandResult {
  id: string;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  change: RaisedChange;
  /** Events appended, in stream order (none when the command changed nothing). */
  events: RecordedEvent[];
}

export interface LoadedChange {
  change: RaisedChange;
  /** Revision of the stream's last event: the ETag. */
  revision: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a uuid names no change: not found, rather than a malformed stream id. */
export const changeStreamOf = (changeId: string): string => {
  if (!UUID.test(changeId)) throw new ChangeNotFound(changeId);
  return changeStreamId(changeId);
};

const fold = (events: readonly RecordedEvent[]): Change => (events as unknown as ChangeEvent[]).reduce(changeDecider.evolve, changeDecider.initialState());
const isRefusal = (error: unknown): boolean => error instanceof IllegalTransition || error instanceof RuleViolation;

/**
 * How every change use case after the raise reaches its stream: the change decider through the kernel's write
 * pipeline. A use case's steps are decided one after the other on the state each leaves, inside the pipeline's
 * decision, so that what a step looks up is for the state it decides on, and all their events go in one append at
 * the folded revision (retried on a concurrent write when the caller named no revision).
 */
export class ChangeStreams {
  constructor(
    private readonly pipeline: WritePipeline,
    private readonly clock: Clock,
  ) {}

  /** The change as its stream says (as recorded by `asOf` when given); throws ChangeNotFound. */
  async load(changeId: string, options: { asOf?: Date } = {}): Promise<LoadedChange> {
    const { state, revision } = await this.pipeline.load(changeStreamOf(changeId), fold, options.asOf);
    if (state.status === 'unraised') throw new ChangeNotFound(changeId);
    return { change: state, revision };
  }

  async execute(changeId: string, steps: ChangeStep | readonly ChangeStep[], metadata: EventMetadata, options: ChangeCommandOptions = {}): Promise<ChangeCommandResult> {
    const now = this.clock.now();
    const commandMetadata = { now, actor: metadata.actor };
    const decision: StreamDecision<Change> = {
      fold,
      evolve: (state, event) => changeDecider.evolve(state, event as ChangeEvent),
      decide: async (before) => {
        if (before.status === 'unraised') throw new ChangeNotFound(changeId);
        let state: Change = before;
        const decided: DomainEvent[] = [];
        for (const step of Array.isArray(steps) ? steps : [steps]) {
          const events = await this.decideStep(step as ChangeStep, state as RaisedChange, commandMetadata);
          state = events.reduce(changeDecider.evolve, state);
          decided.push(...events);
        }
        return decided;
      },
    };
    const executed = await this.pipeline.execute(changeStreamOf(changeId), decision, { metadata, expectedRevision: options.expectedRevision, occurredAt: now });
    return { id: changeId, revision: executed.revision, change: executed.state as RaisedChange, events: executed.events };
  }

  private async decideStep(step: ChangeStep, change: RaisedChange, metadata: { now: Date; actor: EventMetadata['actor'] }): Promise<ChangeEvent[]> {
    if (!('plan' in step)) return changeDecider.decide({ ...step, metadata } as ChangeCommand, change);
    try {
      const intent = await step.plan(change, metadata.now);
      return intent === null ? [] : changeDecider.decide({ ...intent, metadata } as ChangeCommand, change);
    } catch (error) {
      if (step.optional && isRefusal(error)) return [];
      throw error;
    }
  }
}
