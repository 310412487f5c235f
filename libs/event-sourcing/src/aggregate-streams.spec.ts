import { AggregateStreams } from './aggregate-streams';
import type { DomainEvent } from './envelope';
import { WrongExpectedRevisionError } from './expected-revision';
import { StreamsInMemory } from './testing/streams-in-memory';
import { WritePipeline } from './write-pipeline';

/** A ticket that is opened once and then renamed. */
type TicketCommand = { type: 'Open'; name: string } | { type: 'Rename'; name: string };
type TicketEvent = DomainEvent<'Opened', { name: string }> | DomainEvent<'Renamed', { name: string }>;
interface Ticket {
  status: 'absent' | 'open';
  name: string | null;
}
const ticketDecider = {
  initialState: (): Ticket => ({ status: 'absent', name: null }),
  evolve: (ticket: Ticket, event: TicketEvent): Ticket => ({ status: 'open', name: event.data.name }),
  decide: (command: TicketCommand, ticket: Ticket): TicketEvent[] => {
    if (command.type === 'Open' && ticket.status === 'open') throw new Error('already open');
    return [{ type: command.type === 'Open' ? 'Opened' : 'Renamed', data: { name: command.name } }];
  },
};
class TicketNotFound extends Error {}
const metadata = { actor: { id: 'alice', role: 'agent' }, correlationId: 'c-1' };

describe('AggregateStreams: one decider per stream', () => {
  let store: StreamsInMemory;
  let tickets: AggregateStreams<TicketCommand, Ticket, TicketEvent>;
  let reads: string[];
  beforeEach(() => {
    store = new StreamsInMemory();
    reads = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, options) => {
      reads.push(streamId);
      return readStream(streamId, options);
    };
    tickets = new AggregateStreams({
      pipeline: new WritePipeline({ store }),
      decider: ticketDecider,
      streamOf: (id) => `ticket-${id}`,
      creatingCommand: 'Open',
      notFound: (id) => new TicketNotFound(id),
    });
  });

  it('creates an aggregate under a new id without reading its stream, the append expecting no stream', async () => {
    const created = await tickets.create('1', { type: 'Open', name: 'Printer' }, { metadata });

    expect(created).toMatchObject({ id: '1', revision: 0, state: { status: 'open', name: 'Printer' } });
    expect(reads).toEqual([]);
    expect(store.appends).toEqual([expect.objectContaining({ streamId: 'ticket-1', expectedRevision: 'no-stream' })]);
  });

  it('refuses to create over a stream that exists, appending nothing', async () => {
    await tickets.create('1', { type: 'Open', name: 'Printer' }, { metadata });

    await expect(tickets.create('1', { type: 'Open', name: 'Again' }, { metadata })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(store.streams.get('ticket-1')).toHaveLength(1);
  });

  it('takes only the creating command', async () => {
    await expect(tickets.create('1', { type: 'Rename', name: 'Printer' }, { metadata })).rejects.toThrow('Rename does not create the aggregate (Open does)');
    expect(store.appends).toEqual([]);
  });

  it('runs any other command on the stream as read, and an absent aggregate is not found', async () => {
    await tickets.create('1', { type: 'Open', name: 'Printer' }, { metadata });

    const renamed = await tickets.execute('1', { type: 'Rename', name: 'Printer 2' }, { metadata });

    expect(renamed).toMatchObject({ revision: 1, state: { name: 'Printer 2' } });
    expect(reads).toEqual(['ticket-1']);
    await expect(tickets.execute('2', { type: 'Rename', name: 'x' }, { metadata })).rejects.toBeInstanceOf(TicketNotFound);
  });
});
