import { changeStreamId } from '@itsm/contracts';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore, type InMemoryEventStore } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import type { ChangeNumberAllocator } from '../ports/change-number-allocator.port';
import { RaiseChangeHandler, type RaiseChangeInput } from './raise-change.handler';

const now = new Date('2026-03-02T09:30:00.000Z');
const metadata: EventMetadata = { actor: { id: 'agent-7', role: 'agent' }, correlationId: 'spec-correlation' };

const input: RaiseChangeInput = {
  type: 'normal',
  shortDescription: 'A short description',
  description: 'PostgreSQL 15 to 16 on the payroll cluster',
  justification: 'Version 15 leaves support this year',
  serviceIds: ['svc-payroll'],
  implementationPlan: 'pg_upgrade',
  backoutPlan: 'Restore the snapshot',
  testPlan: 'Payroll smoke tests',
  plannedStart: '2026-03-10T20:00:00.000Z',
  plannedEnd: '2026-03-10T22:00:00.000Z',
  implementer: { group: 'dba-team' },
};

/** Numbers as a sequence hands them out (the SQL adapter's sequence is covered where PostgreSQL runs). */
const countingNumbers = (): ChangeNumberAllocator & { taken: number } => {
  const numbers = { taken: 0, next: async () => `CHG${String(++numbers.taken).padStart(7, '0')}` };
  return numbers;
};

describe('RaiseChangeHandler (in-memory event store, the hosts’ write pipeline)', () => {
  let store: InMemoryEventStore;
  let numbers: ReturnType<typeof countingNumbers>;
  let handler: RaiseChangeHandler;

  beforeEach(() => {
    store = createInMemoryEventStore();
    numbers = countingNumbers();
    handler = new RaiseChangeHandler(writePipelineOn(store), { now: () => now }, numbers);
  });

  it('appends ChangeRaised to a new change stream, numbered, stamped with its schema version and the caller', async () => {
    const result = await handler.execute(input, metadata);

    expect(result.revision).toBe(0);
    expect(result.change).toMatchObject({ status: 'raised', changeId: result.id, number: 'CHG0000001', state: 'new', requesterId: 'agent-7', raisedAt: now.toISOString() });
    const stored = await store.readStream(changeStreamId(result.id));
    expect(stored.map(({ type, schemaVersion, actor, occurredAt }) => ({ type, schemaVersion, actor, occurredAt }))).toEqual([
      { type: 'ChangeRaised', schemaVersion: 1, actor: metadata.actor, occurredAt: now.toISOString() },
    ]);
    expect(stored[0].data).toEqual({
      changeId: result.id, number: 'CHG0000001', ...input, implementer: { group: 'dba-team', agent: null },
      requesterId: 'agent-7', templateId: null, state: 'new', raisedAt: now.toISOString(),
    });
  });

  it('gives every change its own stream and number', async () => {
    const [first, second] = [await handler.execute(input, metadata), await handler.execute({ ...input, shortDescription: 'Two' }, metadata)];
    expect(first.id).not.toBe(second.id);
    expect([first.change.number, second.change.number]).toEqual(['CHG0000001', 'CHG0000002']);
    expect(second.revision).toBe(0);
  });

  it('appends nothing and takes no number when the decider refuses', async () => {
    await expect(handler.execute({ ...input, shortDescription: ' ' }, metadata)).rejects.toThrow(RuleViolation);
    expect((await store.readAll()).events).toEqual([]);
    expect(numbers.taken).toBe(0);
  });
});
