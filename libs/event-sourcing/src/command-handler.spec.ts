import { handleCommand, type StreamReaderWriter } from './command-handler';
import { assertNever, type Decider, IllegalTransition } from './decider';
import type { EventMetadata, NewEvent, RecordedEvent } from './envelope';
import { type ExpectedRevision, matchesExpectedRevision, WrongExpectedRevisionError } from './expected-revision';
import { deciderSpecification } from './testing';

// A ticket that can be opened once and closed once: enough rules to exercise the handler and the spec helper.
type TicketEvent = { type: 'TicketOpened'; data: { title: string } } | { type: 'TicketClosed'; data: { reason: string } };
type TicketCommand = { type: 'OpenTicket'; title: string } | { type: 'CloseTicket'; reason: string };
type Ticket = { status: 'none' | 'open' | 'closed' };

const ticket: Decider<TicketCommand, Ticket, TicketEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => ({ status: event.type === 'TicketOpened' ? 'open' : 'closed' }),
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenTicket':
        if (state.status !== 'none') throw new IllegalTransition('Ticket already opened');
        return [{ type: 'TicketOpened', data: { title: command.title } }];
      case 'CloseTicket':
        if (state.status === 'closed') return [];
        if (state.status !== 'open') throw new IllegalTransition('Only an open ticket can be closed');
        return [{ type: 'TicketClosed', data: { reason: command.reason } }];
      default:
        return assertNever(command);
    }
  },
};

/** In-memory stream store for unit tests of the handler; the real adapters are tested by the contract suite. */
class InMemoryStreams implements StreamReaderWriter {
  readonly streams = new Map<string, RecordedEvent[]>();
  /** Events slipped in by "another writer" right after the next read, to provoke a conflict. */
  interleave: NewEvent[] = [];
  appendCalls = 0;

  async readStream(streamId: string) {
    const events = [...(this.streams.get(streamId) ?? [])];
    if (this.interleave.length > 0) {
      const sneaked = this.interleave;
      this.interleave = [];
      await this.appendToStream(streamId, sneaked, { expectedRevision: 'any' });
    }
    return events;
  }

  async appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }) {
    this.appendCalls += 1;
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    if (!matchesExpectedRevision(options.expectedRevision, current)) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, current);
    }
    const recorded = events.map((event, index): RecordedEvent => ({
      eventId: `e-${stream.length + index}`, type: event.type, data: event.data, schemaVersion: 1, streamId,
      streamRevision: current + 1 + index, globalPosition: 0, occurredAt: '', recordedAt: '',
      actor: event.metadata.actor, correlationId: event.metadata.correlationId, causationId: null, traceparent: null, hash: '',
    }));
    this.streams.set(streamId, [...stream, ...recorded]);
    return { nextExpectedRevision: current + events.length, events: recorded };
  }
}

const metadata: EventMetadata = { actor: { id: 'alice', role: 'agent' }, correlationId: 'corr-1' };
const open = { type: 'OpenTicket', title: 'Printer on fire' } as const;
const close = { type: 'CloseTicket', reason: 'fixed' } as const;

describe('handleCommand', () => {
  it('appends the decided events with the envelope metadata and returns the new state', async () => {
    const store = new InMemoryStreams();
    const result = await handleCommand(store, ticket, 's-1', open, metadata);
    expect(result.state).toEqual({ status: 'open' });
    expect(result.nextExpectedRevision).toBe(0);
    expect(store.streams.get('s-1')).toMatchObject([{ type: 'TicketOpened', actor: { id: 'alice' }, correlationId: 'corr-1' }]);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const store = new InMemoryStreams();
    await handleCommand(store, ticket, 's-1', open, metadata);
    await handleCommand(store, ticket, 's-1', close, metadata);
    const result = await handleCommand(store, ticket, 's-1', close, metadata);
    expect(result.newEvents).toEqual([]);
    expect(store.streams.get('s-1')).toHaveLength(2);
  });

  it('refuses a stale revision from the caller before deciding', async () => {
    const store = new InMemoryStreams();
    await handleCommand(store, ticket, 's-1', open, metadata);
    await expect(handleCommand(store, ticket, 's-1', close, metadata, { expectedRevision: 5 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(store.streams.get('s-1')).toHaveLength(1);
  });

  it('does not retry a conflict unless the caller opts in', async () => {
    const store = new InMemoryStreams();
    await handleCommand(store, ticket, 's-1', open, metadata);
    store.interleave = [{ type: 'TicketClosed', data: { reason: 'by someone else' }, metadata }];
    await expect(handleCommand(store, ticket, 's-1', close, metadata)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('retries read–decide–append on a conflict when asked to, deciding on the fresh state', async () => {
    const store = new InMemoryStreams();
    await handleCommand(store, ticket, 's-1', open, metadata);
    store.interleave = [{ type: 'TicketClosed', data: { reason: 'by someone else' }, metadata }];
    const result = await handleCommand(store, ticket, 's-1', close, metadata, { retryOnConflict: { attempts: 3 } });
    // On the retry the ticket is already closed, so the decider decides nothing: no duplicate close.
    expect(result.newEvents).toEqual([]);
    expect(store.streams.get('s-1')?.map((event) => event.type)).toEqual(['TicketOpened', 'TicketClosed']);
  });

  it('lets domain refusals through untouched', async () => {
    const store = new InMemoryStreams();
    await expect(handleCommand(store, ticket, 's-1', close, metadata)).rejects.toBeInstanceOf(IllegalTransition);
    expect(store.appendCalls).toBe(0);
  });
});

describe('given/when/then specification', () => {
  const spec = deciderSpecification(ticket, expect);
  const opened: TicketEvent = { type: 'TicketOpened', data: { title: 'Printer on fire' } };

  it('checks the decided events', () => {
    spec.given([]).when(open).then([opened]);
  });

  it('checks that nothing is decided', () => {
    spec.given([opened, { type: 'TicketClosed', data: { reason: 'x' } }]).when(close).thenNothingHappens();
  });

  it('checks refusals by error class and message', () => {
    spec.given([opened]).when(open).thenThrows(IllegalTransition, /already opened/);
  });

  it('fails when the decider decides something else', () => {
    expect(() => spec.given([]).when(open).then([])).toThrow();
  });
});
