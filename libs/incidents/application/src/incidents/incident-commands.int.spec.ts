import { incidentStreamId } from '@itsm/contracts';
import { IllegalTransition, RuleViolation, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { IncidentNotFound } from '../errors';
import { openIncidentsTestKit, requestMetadata, type IncidentsTestKit } from '../testing/incidents-test-kit';

const OPENED_AT = '2026-03-02T10:00:00.000Z';

describe('IncidentCommands on PGlite', () => {
  let kit: IncidentsTestKit;
  let serviceId: string;
  beforeAll(async () => {
    kit = await openIncidentsTestKit('pglite', OPENED_AT);
    ({ serviceId } = await kit.publishService());
  });
  afterAll(() => kit.close());
  beforeEach(() => kit.clock.set(OPENED_AT));

  const open = (impact: 1 | 2 | 3 = 1, urgency: 1 | 2 | 3 = 1) =>
    kit.commands.open(
      { callerId: 'caller-1', shortDescription: 'Mail down', description: 'No mail since 9', serviceId, impact, urgency },
      requestMetadata,
    );
  const typesOf = async (id: string) => (await kit.store.readStream(incidentStreamId(id))).map((event) => event.type);
  const working = async () => {
    const { id } = await open();
    await kit.commands.assign(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);
    await kit.commands.start(id, {}, requestMetadata);
    return id;
  };

  it('opens with the next INC number, the priority from the matrix, and starts both SLA timers in the same append', async () => {
    const first = await open();
    const second = await open(2, 3);
    expect(first).toMatchObject({ number: expect.stringMatching(/^INC\d{7}$/), revision: 2, incident: { priority: 'P1', lifecycle: { state: 'new' } } });
    expect(Number(second.number.slice(3))).toBe(Number(first.number.slice(3)) + 1);
    expect(second.incident.priority).toBe('P4');
    expect(first.events.map((event) => [event.type, event.actor.id])).toEqual([
      ['IncidentOpened', 'agent-1'],
      ['SlaTimerStarted', 'agent-1'],
      ['SlaTimerStarted', 'agent-1'],
    ]);
    expect(first.events[1].data).toMatchObject({ kind: 'response', targetMinutes: 15, dueAt: '2026-03-02T10:15:00.000Z' });
    expect(first.events[2].data).toMatchObject({ kind: 'resolution', targetMinutes: 240, dueAt: '2026-03-02T14:00:00.000Z' });
  });

  it('schedules the durable timers: 50 %, 75 % and the breach of each running timer', async () => {
    const { id } = await open();
    const rows = await kit.timers.rowsOf(id);
    expect(rows.map((row) => [row.kind, row.threshold, new Date(row.due_at).toISOString(), row.fired_at])).toEqual([
      ['response', 50, '2026-03-02T10:07:30.000Z', null],
      ['response', 75, '2026-03-02T10:11:15.000Z', null],
      ['response', 100, '2026-03-02T10:15:00.000Z', null],
      ['resolution', 50, '2026-03-02T12:00:00.000Z', null],
      ['resolution', 75, '2026-03-02T13:00:00.000Z', null],
      ['resolution', 100, '2026-03-02T14:00:00.000Z', null],
    ]);
  });

  it('meets the response on start and pauses the resolution on hold, removing the timers that cannot fire', async () => {
    const id = await working();
    kit.clock.set('2026-03-02T10:30:00.000Z');
    const held = await kit.commands.hold(id, { reason: 'awaiting-caller' }, requestMetadata);
    expect(held.events.map((event) => event.type)).toEqual(['IncidentPutOnHold', 'SlaTimerPaused']);
    expect(await kit.timers.rowsOf(id)).toEqual([]);
    kit.clock.set('2026-03-02T11:30:00.000Z');
    const resumed = await kit.commands.resume(id, requestMetadata);
    expect(resumed.events.map((event) => event.type)).toEqual(['IncidentResumed', 'SlaTimerResumed']);
    // 30 minutes ran before the hold: the rest (210) counts from 11:30.
    expect(resumed.events[1].data).toMatchObject({ dueAt: '2026-03-02T15:00:00.000Z' });
    expect((await kit.timers.rowsOf(id)).map((row) => row.threshold)).toEqual([50, 75, 100]);
  });

  it('announces a deadline that passed before the command, in the command’s append', async () => {
    const { id } = await open();
    kit.clock.set('2026-03-02T10:20:00.000Z');
    const result = await kit.commands.assign(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);
    expect(result.events.map((event) => [event.type, (event.data as { threshold?: number }).threshold])).toEqual([
      ['IncidentAssigned', undefined],
      ['SlaWarningReached', 50],
      ['SlaWarningReached', 75],
      ['SlaBreached', undefined],
    ]);
  });

  it('re-targets the live timers from the original start when the priority changes', async () => {
    const { id } = await open();
    kit.clock.set('2026-03-02T10:05:00.000Z');
    const result = await kit.commands.changePriority(id, { urgency: 2 }, requestMetadata);
    expect(result.incident.priority).toBe('P2');
    expect(result.events.filter((event) => event.type === 'SlaTimerRetargeted').map((event) => event.data)).toEqual([
      expect.objectContaining({ kind: 'response', targetMinutes: 30, dueAt: '2026-03-02T10:30:00.000Z', cause: 'priority-changed' }),
      expect.objectContaining({ kind: 'resolution', targetMinutes: 480, dueAt: '2026-03-02T18:00:00.000Z' }),
    ]);
  });

  it('works an incident through resolve, reopen, resolve and close; the SLA timers follow', async () => {
    const id = await working();
    await kit.commands.logWork(id, { entry: 'Restarted the relay', minutesSpent: 20 }, requestMetadata);
    await kit.commands.escalate(id, { kind: 'hierarchical', reason: 'VIP' }, requestMetadata);
    await kit.commands.resolve(id, { code: 'solved-permanently', notes: 'Relay restarted' }, requestMetadata);
    await kit.commands.reopen(id, { reason: 'Back again' }, requestMetadata);
    await kit.commands.resolve(id, { code: 'solved-permanently', notes: 'Disk cleaned' }, requestMetadata);
    const closed = await kit.commands.close(id, requestMetadata);
    expect(closed.incident).toMatchObject({ lifecycle: { state: 'closed' }, escalationLevel: 1, reopenCount: 1, workLog: { entries: 1, minutesSpent: 20 } });
    expect((await typesOf(id)).filter((type) => type.startsWith('Sla'))).toEqual([
      'SlaTimerStarted', 'SlaTimerStarted', 'SlaTimerMet', 'SlaTimerMet', 'SlaTimerResumed', 'SlaTimerMet',
    ]);
    expect(await kit.timers.rowsOf(id)).toEqual([]);
  });

  it('cancels the live timers with the incident', async () => {
    const { id } = await open();
    const result = await kit.commands.cancel(id, { reason: 'Opened twice' }, requestMetadata);
    expect(result.events.map((event) => event.type)).toEqual(['IncidentCancelled', 'SlaTimerCancelled', 'SlaTimerCancelled']);
  });

  it('runs the major-incident process and links to a change', async () => {
    const id = await working();
    await kit.commands.proposeMajor(id, { justification: 'Whole company' }, requestMetadata);
    const accepted = await kit.commands.acceptMajor(id, requestMetadata);
    expect(accepted.incident.major).toBe('accepted');
    const linked = await kit.commands.linkToChange(id, { changeId: 'chg-1', changeNumber: 'CHG0000001', relation: 'caused-by' }, requestMetadata);
    expect(linked.incident.changeLinks).toEqual([{ changeId: 'chg-1', changeNumber: 'CHG0000001', relation: 'caused-by' }]);
  });

  it('links parent and child on both streams, and resolving the parent resolves the open child', async () => {
    const parent = await working();
    const child = await working();
    const linked = await kit.commands.linkToParent(child, parent, requestMetadata);
    expect(linked.incident.parentIncidentId).toBe(parent);
    expect((await kit.commands.load(parent)).incident.childIncidentIds).toEqual([child]);
    await kit.commands.resolve(parent, { code: 'solved-permanently', notes: 'Root cause fixed' }, requestMetadata);
    const resolvedChild = (await kit.commands.load(child)).incident;
    expect(resolvedChild.lifecycle).toMatchObject({ state: 'resolved', notes: 'Root cause fixed' });
    await expect(kit.commands.linkToParent(parent, child, requestMetadata)).rejects.toBeInstanceOf(Error);
  });

  it('answers not found for an unknown or malformed id', async () => {
    await expect(kit.commands.assign('0190f3a4-1111-7222-8333-944445555666', { group: 'ops' }, requestMetadata)).rejects.toBeInstanceOf(IncidentNotFound);
    await expect(kit.commands.resume('INC0000001', requestMetadata)).rejects.toBeInstanceOf(IncidentNotFound);
  });

  it('passes refusals of the decider through and leaves the stream unchanged', async () => {
    const { id } = await open();
    const before = await typesOf(id);
    await expect(kit.commands.resume(id, requestMetadata)).rejects.toBeInstanceOf(IllegalTransition);
    await expect(kit.commands.logWork(id, { entry: 'x', minutesSpent: -5 }, requestMetadata)).rejects.toBeInstanceOf(RuleViolation);
    await expect(
      kit.commands.open({ callerId: 'c', shortDescription: 's', description: 'd', serviceId: '0190f3a4-1111-7222-8333-944445555666', impact: 1, urgency: 1 }, requestMetadata),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(await typesOf(id)).toEqual(before);
  });

  it('takes the expected revision from If-Match: the current one passes, a stale one fails with nothing appended', async () => {
    const { id, revision } = await open();
    const assigned = await kit.commands.assign(id, { group: 'ops' }, requestMetadata, { expectedRevision: revision });
    expect(assigned.revision).toBe(revision + 1);
    await expect(kit.commands.assign(id, { group: 'net' }, requestMetadata, { expectedRevision: revision })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await typesOf(id)).toHaveLength(revision + 2);
  });
});
