import { freezeWindowStreamId } from '@itsm/contracts';
import { AggregateStreams, type Clock, type EventMetadata, type LoadedAggregate, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import {
  freezeWindowDecider,
  type DeclaredFreezeWindow,
  type FreezeWindow,
  type FreezeWindowCommand,
  type FreezeWindowEvent,
} from '@itsm/changes-domain';
import { FreezeWindowNotFound } from '../errors';

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

export type FreezeWindowIntent = WithoutMetadata<FreezeWindowCommand>;

export interface FreezeWindowCommandResult {
  id: string;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  freezeWindow: DeclaredFreezeWindow;
  events: RecordedEvent[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a uuid names no freeze window: not found, rather than a malformed stream id. */
export const freezeWindowStreamOf = (freezeWindowId: string): string => {
  if (!UUID.test(freezeWindowId)) throw new FreezeWindowNotFound(freezeWindowId);
  return freezeWindowStreamId(freezeWindowId);
};

/** How every freeze-window use case reaches its stream: the freeze-window decider through the kernel's write pipeline. */
export class FreezeWindowStreams {
  private readonly streams: AggregateStreams<FreezeWindowCommand, FreezeWindow, FreezeWindowEvent>;

  constructor(
    pipeline: WritePipeline,
    private readonly clock: Clock,
  ) {
    this.streams = new AggregateStreams({
      pipeline,
      decider: freezeWindowDecider,
      streamOf: freezeWindowStreamOf,
      creatingCommand: 'DeclareFreezeWindow',
      notFound: (id) => new FreezeWindowNotFound(id),
    });
  }

  /** The freeze window and its revision straight from its stream; throws FreezeWindowNotFound. */
  async load(freezeWindowId: string): Promise<LoadedAggregate<DeclaredFreezeWindow>> {
    const { state, revision } = await this.streams.load(freezeWindowId);
    return { state: state as DeclaredFreezeWindow, revision };
  }

  async execute(
    freezeWindowId: string,
    intent: FreezeWindowIntent,
    metadata: EventMetadata,
    options: { expectedRevision?: number } = {},
  ): Promise<FreezeWindowCommandResult> {
    const command = { ...intent, metadata: { now: this.clock.now(), actor: metadata.actor } } as FreezeWindowCommand;
    const result = await this.streams.execute(freezeWindowId, command, { metadata, expectedRevision: options.expectedRevision });
    return { id: freezeWindowId, revision: result.revision, freezeWindow: result.state as DeclaredFreezeWindow, events: result.events };
  }
}
