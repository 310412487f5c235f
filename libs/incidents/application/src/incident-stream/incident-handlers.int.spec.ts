import { incidentStreamId } from '@itsm/contracts';
import { IllegalTransition, RuleViolation, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { IncidentNotFound } from '../errors';
import { IncidentHierarchyProcess } from '../processes/incident-hierarchy/incident-hierarchy.process';
import { openIncidentsTestKit, requestMetadata, type IncidentsTestKit } from '../testing/incidents-test-kit';

const OPENED_AT = '2026-03-02T10:00:00.000Z';

describe('the incident handlers on PGlite', () => {
  let kit: IncidentsTestKit;
  let serviceId: string;
  beforeAll(async () => {
    kit = await openIncidentsTestKit('pglite', OPENED_AT);
    ({ serviceId } = await kit.publishService());
  });
  afterAll(() => kit.close());
  beforeEach(() => kit.clock.set(OPENED_AT));

  const open = (impact: 1 | 2 | 3 = 1, urgency: 1 | 2 | 3 = 1) =>
    kit.handlers.open.execute(
      { callerId: 'caller-1', shortDescription: 'Mail down', description: 'No mail since 9', serviceId, impact, urgency },
      requestMetadata,
    );
  /** The due timers as the projection holds them once it has caught up with the log. */
  const dueTimersOf = async (id: string) => {
    await kit.syncCatalog();
    return kit.claims.dueTimersOf(id);
  };
  const typesOf = async (id: string) => (await kit.store.readStream(incidentStreamId(id))).map((event) => event.type);
  const working = async () => {
    const { id } = await open();
    await kit.handlers.assign.execute(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);
    await kit.handlers.start.execute(id, {}, requestMetadata);
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
    const rows = await dueTimersOf(id);
    expect(rows.map((row) => [row.kind, row.threshold, new Date(row.due_at).toISOString()])).toEqual([
      ['response', 50, '2026-03-02T10:07:30.000Z'],
      ['response', 75, '2026-03-02T10:11:15.000Z'],
      ['response', 100, '2026-03-02T10:15:00.000Z'],
      ['resolution', 50, '2026-03-02T12:00:00.000Z'],
      ['resolution', 75, '2026-03-02T13:00:00.000Z'],
      ['resolution', 100, '2026-03-02T14:00:00.000Z'],
    ]);
  });

  it('meets the response on start and pauses the resolution on hold, removing the timers that cannot fire', async () => {
    const id = await working();
    kit.clock.set('2026-03-02T10:30:00.000Z');
    const held = await kit.handlers.hold.execute(id, { reason: 'awaiting-caller' }, requestMetadata);
    expect(held.events.map((event) => event.type)).toEqual(['IncidentPutOnHold', 'SlaTimerPaused']);
    expect(await dueTimersOf(id)).toEqual([]);
    kit.clock.set('2026-03-02T11:30:00.000Z');
    const resumed = await kit.handlers.resume.execute(id, requestMetadata);
    expect(resumed.events.map((event) => event.type)).toEqual(['IncidentResumed', 'SlaTimerResumed']);
    // 30 minutes ran before the hold: the rest (210) counts from 11:30.
    expect(resumed.events[1].data).toMatchObject({ dueAt: '2026-03-02T15:00:00.000Z' });
    expect((await dueTimersOf(id)).map((row) => row.threshold)).toEqual([50, 75, 100]);
  });

  it('announces a deadline that passed before the command, in the command’s append', async () => {
    const { id } = await open();
    kit.clock.set('2026-03-02T10:20:00.000Z');
    const result = await kit.handlers.assign.execute(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);
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
    const result = await kit.handlers.update.execute(id, { urgency: 2 }, requestMetadata);
    expect(result.incident.priority).toBe('P2');
    expect(result.events.filter((event) => event.type === 'SlaTimerRetargeted').map((event) => event.data)).toEqual([
      expect.objectContaining({ kind: 'response', targetMinutes: 30, dueAt: '2026-03-02T10:30:00.000Z', cause: 'priority-changed' }),
      expect.objectContaining({ kind: 'resolution', targetMinutes: 480, dueAt: '2026-03-02T18:00:00.000Z' }),
    ]);
  });

  it('works an incident through resolve, reopen, resolve and close; the SLA timers follow', async () => {
    const id = await working();
    await kit.handlers.logWork.execute(id, { entry: 'Restarted the relay', minutesSpent: 20 }, requestMetadata);
    await kit.handlers.escalate.execute(id, { kind: 'hierarchical', reason: 'VIP' }, requestMetadata);
    await kit.handlers.resolve.execute(id, { code: 'solved-permanently', notes: 'Relay restarted' }, requestMetadata);
    await kit.handlers.reopen.execute(id, { reason: 'Back again' }, requestMetadata);
    await kit.handlers.resolve.execute(id, { code: 'solved-permanently', notes: 'Disk cleaned' }, requestMetadata);
    const closed = await kit.handlers.close.execute(id, requestMetadata);
    expect(closed.incident).toMatchObject({ lifecycle: { state: 'closed' }, escalationLevel: 1, reopenCount: 1, workLog: { entries: 1, minutesSpent: 20 } });
    expect((await typesOf(id)).filter((type) => type.startsWith('Sla'))).toEqual([
      'SlaTimerStarted', 'SlaTimerStarted', 'SlaTimerMet', 'SlaTimerMet', 'SlaTimerResumed', 'SlaTimerMet',
    ]);
    expect(await dueTimersOf(id)).toEqual([]);
  });

  it('cancels the live timers with the incident', async () => {
    const { id } = await open();
    const result = await kit.handlers.cancel.execute(id, { reason: 'Opened twice' }, requestMetadata);
    expect(result.events.map((event) => event.type)).toEqual(['IncidentCancelled', 'SlaTimerCancelled', 'SlaTimerCancelled']);
  });

  it('runs the major-incident process and links to a change', async () => {
    const id = await working();
    await kit.handlers.major.execute(id, { action: 'propose', justification: 'Whole company' }, requestMetadata);
    await expect(kit.handlers.major.execute(id, { action: 'accept' }, requestMetadata)).rejects.toThrow(/someone else must accept it/);
    const incidentManager = { ...requestMetadata, actor: { id: 'mim-1', role: 'incident-manager' } };
    const accepted = await kit.handlers.major.execute(id, { action: 'accept' }, incidentManager);
    expect(accepted.incident.major).toBe('accepted');
    const { changeId, changeNumber } = await kit.raiseChange();
    const linked = await kit.handlers.link.execute(id, { kind: 'change', changeId, changeNumber, relation: 'caused-by' }, requestMetadata);
    expect(linked.incident.changeLinks).toEqual([{ changeId, changeNumber, relation: 'caused-by' }]);
  });

  it('links parent and child on both streams, and resolving the parent resolves the open child', async () => {
    const parent = await working();
    const child = await working();
    const linked = await kit.handlers.link.execute(child, { kind: 'parent', parentIncidentId: parent }, requestMetadata);
    expect(linked.incident.parentIncidentId).toBe(parent);
    await kit.settleHierarchy();
    expect((await kit.streams.load(parent)).incident.childIncidentIds).toEqual([child]);
    await kit.handlers.resolve.execute(parent, { code: 'solved-permanently', notes: 'Root cause fixed' }, requestMetadata);
    await kit.settleHierarchy();
    const resolvedChild = (await kit.streams.load(child)).incident;
    expect(resolvedChild.lifecycle).toMatchObject({ state: 'resolved', notes: 'Root cause fixed' });
    await expect(kit.handlers.link.execute(parent, { kind: 'parent', parentIncidentId: child }, requestMetadata)).rejects.toBeInstanceOf(Error);
  });

  it('revokes the child’s link when the parent no longer takes it by the time the process records it', async () => {
    const parent = await working();
    const child = await working();
    await kit.handlers.link.execute(child, { kind: 'parent', parentIncidentId: parent }, requestMetadata);
    await kit.handlers.cancel.execute(parent, { reason: 'Opened by mistake' }, requestMetadata);

    await kit.settleHierarchy();

    expect((await kit.streams.load(child)).incident.parentIncidentId).toBeNull();
    expect((await kit.streams.load(parent)).incident.childIncidentIds).toEqual([]);
    expect((await typesOf(child)).slice(-1)).toEqual(['IncidentParentLinkRevoked']);
    await kit.settleHierarchy();
    expect((await typesOf(child)).filter((type) => type === 'IncidentParentLinkRevoked')).toHaveLength(1);
  });

  it('keeps the link when two runners of the hierarchy process (two incidents instances) record the same child at once', async () => {
    const parent = await working();
    const child = await working();
    await kit.handlers.link.execute(child, { kind: 'parent', parentIncidentId: parent }, requestMetadata);
    const [linked] = (await kit.store.readStream(incidentStreamId(child))).filter((event) => event.type === 'IncidentParentLinked');
    const twins = [new IncidentHierarchyProcess(kit.streams, kit.clock), new IncidentHierarchyProcess(kit.streams, kit.clock)];

    await Promise.all(twins.map((twin) => twin.handle(linked)));

    expect((await kit.streams.load(child)).incident.parentIncidentId).toBe(parent);
    expect((await kit.streams.load(parent)).incident.childIncidentIds).toEqual([child]);
    expect(await typesOf(child)).not.toContain('IncidentParentLinkRevoked');
  });

  it('folds an IncidentAssigned written as schema version 1 as version 2 (upcast on load)', async () => {
    const { id } = await open();
    const v1 = { incidentId: id, group: 'legacy-desk', agent: 'agent-9', previousGroup: null, previousAgent: null, state: 'assigned', assignedAt: OPENED_AT };
    await kit.store.appendToStream(incidentStreamId(id), [{ type: 'IncidentAssigned', schemaVersion: 1, data: v1, metadata: requestMetadata }], { expectedRevision: 2 });

    const { incident } = await kit.streams.load(id);
    const reassigned = await kit.handlers.assign.execute(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);

    expect(incident.assignment).toEqual({ group: 'legacy-desk', agent: 'agent-9' });
    expect(reassigned.events[0]).toMatchObject({
      schemaVersion: 2,
      data: { assignmentGroup: 'ops', assignee: 'agent-1', previousAssignmentGroup: 'legacy-desk', previousAssignee: 'agent-9' },
    });
  });

  it('answers not found for an unknown or malformed id', async () => {
    await expect(kit.handlers.assign.execute('0190f3a4-1111-7222-8333-944445555666', { group: 'ops' }, requestMetadata)).rejects.toBeInstanceOf(IncidentNotFound);
    await expect(kit.handlers.resume.execute('INC0000001', requestMetadata)).rejects.toBeInstanceOf(IncidentNotFound);
  });

  it("records the service's default offering when the caller names none", async () => {
    const { serviceId: withDefault, offeringId } = await kit.publishService();
    const opened = await kit.handlers.open.execute(
      { callerId: 'caller-1', shortDescription: 'Mail down', description: '', serviceId: withDefault, impact: 2, urgency: 2 },
      requestMetadata,
    );
    expect(opened.incident.offeringId).toBe(offeringId);
    expect(opened.events[0].data).toMatchObject({ offeringId });
  });

  it('takes no incident number for a refused open: the next good open gets the next number', async () => {
    const before = await open();
    await expect(
      kit.handlers.open.execute({ callerId: 'c', shortDescription: 's', description: 'd', serviceId: '0190f3a4-1111-7222-8333-944445555666', impact: 1, urgency: 1 }, requestMetadata),
    ).rejects.toBeInstanceOf(RuleViolation);
    const after = await open();
    expect(Number(after.number.slice(3))).toBe(Number(before.number.slice(3)) + 1);
  });

  it('passes refusals of the decider through and leaves the stream unchanged', async () => {
    const { id } = await open();
    const before = await typesOf(id);
    await expect(kit.handlers.resume.execute(id, requestMetadata)).rejects.toBeInstanceOf(IllegalTransition);
    await expect(kit.handlers.logWork.execute(id, { entry: 'x', minutesSpent: -5 }, requestMetadata)).rejects.toBeInstanceOf(RuleViolation);
    await expect(
      kit.handlers.open.execute({ callerId: 'c', shortDescription: 's', description: 'd', serviceId: '0190f3a4-1111-7222-8333-944445555666', impact: 1, urgency: 1 }, requestMetadata),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(await typesOf(id)).toEqual(before);
  });

  it('takes the expected revision from If-Match: the current one passes, a stale one fails with nothing appended', async () => {
    const { id, revision } = await open();
    const assigned = await kit.handlers.assign.execute(id, { group: 'ops' }, requestMetadata, { expectedRevision: revision });
    expect(assigned.revision).toBe(revision + 1);
    await expect(kit.handlers.assign.execute(id, { group: 'net' }, requestMetadata, { expectedRevision: revision })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await typesOf(id)).toHaveLength(revision + 2);
  });
});
