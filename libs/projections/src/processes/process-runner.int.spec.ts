import { newId, waitUntil, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { createPgliteEventStore, createPgliteExecutor, openPglite, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { ReadModelBehind } from '../read-models/read-model-positions';
import type { EventProcess } from './event-process';
import { ProcessPositions } from './process-positions';
import { ProcessRunner } from './process-runner';

const noted = (type: string): NewEvent => ({ type, data: {}, metadata: { actor: { id: 'spec' }, correlationId: newId() } });

/**
 * A process that records what it handled and fails the first `failures` attempts on `Broken`. It takes `Wanted` and
 * `Broken` of its own name only (`<name>.Wanted`): the cases share one log.
 */
const recorder = (name: string, failures = 0): EventProcess & { handled: string[]; attempts: number } => {
  const process = {
    name,
    eventTypes: [`${name}.Wanted`, `${name}.Broken`],
    handled: [] as string[],
    attempts: 0,
    async handle(event: RecordedEvent) {
      process.attempts++;
      const kind = event.type.slice(name.length + 1);
      if (kind === 'Broken' && process.attempts <= failures) throw new Error(`attempt ${process.attempts} failed`);
      process.handled.push(`${kind}@${event.streamRevision}`);
    },
  };
  return process;
};

describe('ProcessRunner: event-driven processes from a checkpoint', () => {
  let store: EventStore;
  let db: SqlExecutor;
  let pglite: Awaited<ReturnType<typeof openPglite>>;
  // One log for the file: each case has its own process name (checkpoint) and streams. Appends wake the subscriptions
  // in process; the store's polls are kept out of the cases (a poll moves a checkpoint: its own case below).
  beforeAll(async () => {
    pglite = await openPglite();
    store = await createPgliteEventStore({ db: pglite, pollIntervalMs: 600_000 });
    db = createPgliteExecutor(pglite, { ownsDatabase: true });
  });
  afterAll(async () => {
    await store.close();
    await db.close();
  });

  it('handles its event types in log order, and a new runner resumes after the last one handled', async () => {
    await store.appendToStream('thing-1', [noted('spec_resume.Wanted'), noted('Other'), noted('spec_resume.Wanted')], { expectedRevision: 'no-stream' });
    const first = recorder('spec_resume');
    const runner = await ProcessRunner.create({ db, source: store, processes: [first] });
    await runner.catchUp();
    await store.appendToStream('thing-1', [noted('spec_resume.Wanted')], { expectedRevision: 2 });

    const second = recorder('spec_resume');
    const resumed = await ProcessRunner.create({ db, source: store, processes: [second] });
    await resumed.start();
    await waitUntil('the restarted runner to handle the event', () => second.handled.length === 1, 10_000);
    await resumed.stop();

    expect(first.handled).toEqual(['Wanted@0', 'Wanted@2']);
    expect(second.handled).toEqual(['Wanted@3']);
  });

  it('retries a failing event, never skipping it, and reports each failure in its status until it passes', async () => {
    const failures: number[] = [];
    const process = recorder('spec_retry', 3);
    const runner = await ProcessRunner.create({ db, source: store, processes: [process], retryDelayMs: 5, onFailure: (_, __, status) => failures.push(status.consecutiveFailures) });
    await runner.start();
    await store.appendToStream('thing-2', [noted('spec_retry.Broken'), noted('spec_retry.Wanted')], { expectedRevision: 'no-stream' });

    await waitUntil('the process to handle both events', () => process.handled.length === 2, 10_000);
    await runner.stop();

    expect(failures).toEqual([1, 2, 3]);
    expect(process.handled).toEqual(['Broken@0', 'Wanted@1']);
    expect(runner.statuses()).toEqual([expect.objectContaining({ name: 'spec_retry', consecutiveFailures: 0, failuresTotal: 3, lastError: 'attempt 3 failed' })]);
  });

  it('is not woken by events it does not take, and a read waiting for a write’s position is not kept waiting by them', async () => {
    const process = recorder('spec_skip');
    const runner = await ProcessRunner.create({ db, source: store, processes: [process] });
    await runner.start();
    const { lastGlobalPosition: wanted } = await store.appendToStream('thing-3', [noted('spec_skip.Wanted')], { expectedRevision: 'no-stream' });
    await new ProcessPositions(db, store, 'projections').waitFor(process, wanted, { timeoutMs: 3_000 });
    const { lastGlobalPosition } = await store.appendToStream('thing-3', [noted('Other'), noted('Other')], { expectedRevision: 0 });

    await new ProcessPositions(db, store, 'projections').waitFor(process, lastGlobalPosition, { timeoutMs: 3_000 });
    await runner.stop();

    expect(process.handled).toEqual(['Wanted@0']);
    // Its checkpoint is where it handled its own event: the two others cost it no read and no write.
    expect(runner.statuses()[0].position).toBe(wanted);
  });

  it('keeps a read waiting for a write’s position until the process has handled its events up to it', async () => {
    const process = recorder('spec_pending', 2);
    const runner = await ProcessRunner.create({ db, source: store, processes: [process], retryDelayMs: 300 });
    const { lastGlobalPosition } = await store.appendToStream('thing-4', [noted('spec_pending.Broken'), noted('Other')], { expectedRevision: 'no-stream' });
    const positions = new ProcessPositions(db, store, 'projections');

    await expect(positions.waitFor(process, lastGlobalPosition, { timeoutMs: 50 })).rejects.toBeInstanceOf(ReadModelBehind);
    await runner.start();
    await positions.waitFor(process, lastGlobalPosition, { timeoutMs: 5_000 });
    await runner.stop();

    expect(process.handled).toEqual(['Broken@0']);
    expect(process.attempts).toBe(3);
  });

  it('moves its checkpoint to where a poll of the log read up to, so a waiter searches a short stretch of the log', async () => {
    const polling = await createPgliteEventStore({ db: pglite, pollIntervalMs: 20 });
    const runner = await ProcessRunner.create({ db, source: polling, processes: [recorder('spec_poll')] });
    await runner.start();
    const { lastGlobalPosition } = await store.appendToStream('thing-5', [noted('Other')], { expectedRevision: 'no-stream' });

    await waitUntil('a poll to move the checkpoint', () => runner.statuses()[0].position >= lastGlobalPosition, 5_000);
    await runner.stop();

    expect(runner.statuses()[0].position).toBe(lastGlobalPosition);
  });
});
