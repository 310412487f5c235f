import { NO_STREAM_REVISION, type Decider, type DomainEvent, type StreamReaderWriter } from '@itsm/event-sourcing';

export interface LoadedAggregate<State> {
  state: State;
  /** Revision of the stream's last event (-1 when the stream is empty): the resource's ETag. */
  revision: number;
}

/** The aggregate as its stream says now (the write side's view, never behind like a read model). */
export const loadAggregate = async <State, Event extends DomainEvent>(
  store: Pick<StreamReaderWriter, 'readStream'>,
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  streamId: string,
): Promise<LoadedAggregate<State>> => {
  const events = await store.readStream(streamId);
  return {
    state: (events as unknown as Event[]).reduce(decider.evolve, decider.initialState()),
    revision: events.length === 0 ? NO_STREAM_REVISION : events[events.length - 1].streamRevision,
  };
};
