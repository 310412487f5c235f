import { changeStreamId, formatChangeNumber, schemaVersionOf, type ChangeEditableFields, type ChangeType } from '@itsm/contracts';
import { newId, waitUntil, type DomainEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { InvalidCursor, liveTablesOf, ProjectionRuntime } from '@itsm/projections';
// The events come from the change decider itself (the spec joins the libs, as the hosts do): what the projection
// reads is what the handlers write.
import { changeDecider, materialContentHash, type ChangeCommand, type RaisedChange } from '@itsm/changes-domain';
import { readModelTestDatabases, type ReadModelTestDatabase } from '../testing/read-model-test-database';
import { changeListProjection } from './change-list.projection';
import { ChangeHistoryQueries } from './change-history.queries';
import { ChangeListQueries } from './change-list.queries';

type Intent = ChangeCommand extends infer C ? (C extends ChangeCommand ? Omit<C, 'metadata'> : never) : never;

const stage = { name: 'cab', quorum: { rule: 'any' as const }, approvers: [], veto: false };
const assessed = (level: 'low' | 'moderate' | 'high') =>
  ({ type: 'AssessChangeRisk', data: { level, policyVersion: 'p1', firedRules: [], questionScores: [], ruleLevel: level, questionnaireLevel: 'low', approvalStages: [stage] } }) as Intent;

describe.each(readModelTestDatabases)('the change list and history on %s', (_label, openDatabase) => {
  let database: ReadModelTestDatabase;
  let runtime: ProjectionRuntime;
  let list: ChangeListQueries;
  let history: ChangeHistoryQueries;
  let sequence = 0;
  const services = { payroll: newId(), mail: newId() };

  /** A change's story through the decider: raised, then each command by `actor` at `now`, appended as it goes. */
  const story = async (
    input: { type?: ChangeType; fields?: Partial<ChangeEditableFields>; raisedAt?: string },
    steps: { intent: Intent | ((change: RaisedChange) => Intent); actor?: { id: string; role: string }; at?: string }[] = [],
  ): Promise<{ change: RaisedChange; position: number }> => {
    sequence += 1;
    const changeId = newId();
    const type = input.type ?? 'normal';
    const raise: Intent = {
      type: 'RaiseChange',
      data: {
        changeId, number: formatChangeNumber(sequence), type, templateId: type === 'standard' ? 'tpl-1' : null,
        shortDescription: `Change number ${sequence}`, description: 'Routine work', justification: 'Needed', serviceIds: [services.payroll],
        implementationPlan: 'plan', backoutPlan: 'backout', testPlan: 'test', plannedStart: '2030-05-01T20:00:00Z', plannedEnd: '2030-05-01T22:00:00Z',
        implementer: { group: 'dba-team', agent: 'dba-1' }, ...input.fields,
      },
    };
    let state = changeDecider.initialState();
    let position = -1;
    for (const { intent, actor = { id: 'rita', role: 'agent' }, at = input.raisedAt ?? '2026-03-01T09:00:00.000Z' } of [{ intent: raise }, ...steps]) {
      const command = { ...(typeof intent === 'function' ? intent(state as RaisedChange) : intent), metadata: { now: new Date(at), actor } } as ChangeCommand;
      const events = changeDecider.decide(command, state) as DomainEvent[];
      state = events.reduce(changeDecider.evolve as never, state);
      if (events.length === 0) continue;
      const written = await database.store.appendToStream(
        changeStreamId(changeId),
        events.map((event) => ({ type: event.type, data: event.data, schemaVersion: schemaVersionOf(event.type), metadata: { actor, correlationId: newId() } })),
        { expectedRevision: 'any' },
      );
      position = written.lastGlobalPosition;
    }
    return { change: state as RaisedChange, position };
  };

  const settled = (position: number) =>
    waitUntil('the change list to catch up', async () => (await runtime.status()).every((status) => status.position >= position), 20_000);

  const completed = (outcome: 'successful' | 'failed' | 'backed-out', at: string, group = 'dba-team') =>
    story({ fields: { implementer: { group, agent: null } }, raisedAt: at }, [
      { intent: { type: 'SubmitChange', data: {} } },
      { intent: assessed('low'), actor: { id: 'mia', role: 'change-manager' } },
      { intent: (change) => ({ type: 'RecordApprovalDecision', data: { decision: 'approve', comment: '', seenHash: materialContentHash(change) } }), actor: { id: 'carl', role: 'cab-member' } },
      { intent: { type: 'StartChange', data: { blockingConflicts: [] } }, at },
      { intent: { type: 'CompleteChange', data: { outcome, notes: 'done' } }, at },
    ]);

  beforeAll(async () => {
    database = await openDatabase();
    const { store, db, schema, checkpointSchema } = database;
    runtime = await ProjectionRuntime.create({ db, source: store, projections: [changeListProjection], schema, checkpointSchema });
    await runtime.start();
    const tables = liveTablesOf(changeListProjection, schema);
    list = new ChangeListQueries(db, tables);
    history = new ChangeHistoryQueries(db, tables);
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await database?.dispose();
  });

  it('shows a raised change with its number, type, state, services, window, implementer, requester and revision', async () => {
    const { change, position } = await story({ raisedAt: '2026-03-02T09:30:00.000Z' });
    await settled(position);
    expect(await list.get(change.changeId)).toEqual({
      id: change.changeId, number: change.number, type: 'normal', state: 'new', shortDescription: change.shortDescription, riskLevel: null,
      riskAssessmentDue: true, approvalStatus: null, serviceIds: [services.payroll], plannedStart: '2030-05-01T20:00:00.000Z',
      plannedEnd: '2030-05-01T22:00:00.000Z', implementer: { group: 'dba-team', agent: 'dba-1' }, requesterId: 'rita', outcome: null,
      causedIncidents: [], raisedAt: '2026-03-02T09:30:00.000Z', updatedAt: '2026-03-02T09:30:00.000Z', revision: 0,
    });
    expect(await list.idOfNumber(change.number)).toBe(change.changeId);
    expect(await list.idOfNumber('CHG9999999')).toBeNull();
  });

  it('filters by state, type, risk, service, implementer group and text, newest first, in keyset pages', async () => {
    const group = `grp-${newId()}`;
    const implementer = { group, agent: null };
    const a = await story({ fields: { implementer, shortDescription: 'Upgrade the payroll database' }, raisedAt: '2026-04-01T10:00:00.000Z' }, [
      { intent: { type: 'SubmitChange', data: {} } },
      { intent: assessed('high'), actor: { id: 'mia', role: 'change-manager' } },
    ]);
    const b = await story({ type: 'emergency', fields: { implementer, serviceIds: [services.mail], description: 'Mailbox quota' }, raisedAt: '2026-04-02T10:00:00.000Z' });
    const c = await story({ fields: { implementer, shortDescription: 'Rotate certificates' }, raisedAt: '2026-04-03T10:00:00.000Z' }, [
      { intent: { type: 'CancelChange', data: { reason: 'Not needed' } } },
    ]);
    await settled(c.position);
    const numbers = async (filter: Parameters<ChangeListQueries['list']>[0]) => (await list.list({ implementerGroup: group, ...filter })).items.map((item) => item.number);

    expect(await numbers({})).toEqual([c.change.number, b.change.number, a.change.number]);
    expect(await numbers({ state: 'authorize' })).toEqual([a.change.number]);
    expect(await numbers({ state: ['new', 'canceled'] })).toEqual([c.change.number, b.change.number]);
    expect(await numbers({ type: 'emergency' })).toEqual([b.change.number]);
    expect(await numbers({ risk: ['high', 'very-high'] })).toEqual([a.change.number]);
    expect(await numbers({ serviceId: services.mail })).toEqual([b.change.number]);
    expect(await numbers({ q: 'base' })).toEqual([a.change.number]);
    expect(await numbers({ q: 'BOX quo' })).toEqual([b.change.number]);
    expect(await numbers({ q: a.change.number.replace(/^CHG0*/, '') })).toEqual([a.change.number]);
    expect(await numbers({ implementerGroup: 'nobody' })).toEqual([]);

    const first = await list.list({ implementerGroup: group, limit: 2 });
    expect(first.items.map((item) => item.number)).toEqual([c.change.number, b.change.number]);
    const second = await list.list({ implementerGroup: group, limit: 2, cursor: first.nextCursor as string });
    expect([second.items.map((item) => item.number), second.nextCursor]).toEqual([[a.change.number], null]);
    await expect(list.list({ cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(InvalidCursor);
  });

  it('finds a change by its new short description after an edit (and no longer by the old one)', async () => {
    const { change, position } = await story({ fields: { shortDescription: 'Patch kernelspace' } }, [
      { intent: { type: 'UpdateChange', data: { shortDescription: 'Patch userland' } } },
    ]);
    await settled(position);
    const found = async (q: string) => (await list.list({ q })).items.some((item) => item.id === change.changeId);
    expect([await found('userland'), await found('kernelspace')]).toEqual([true, false]);
  });

  it('keeps a field-level history: who, when, field, old → new, the event type and the stream revision; decisions on their own lines', async () => {
    const { change, position } = await story({ raisedAt: '2026-03-05T08:00:00.000Z' }, [
      { intent: { type: 'UpdateChange', data: { testPlan: 'Run the smoke tests twice' } }, at: '2026-03-05T09:00:00.000Z' },
      { intent: { type: 'SubmitChange', data: {} }, at: '2026-03-05T10:00:00.000Z' },
      { intent: assessed('moderate'), actor: { id: 'mia', role: 'change-manager' }, at: '2026-03-05T11:00:00.000Z' },
      {
        intent: (current) => ({ type: 'RecordApprovalDecision', data: { decision: 'approve', comment: 'Fine', seenHash: materialContentHash(current) } }),
        actor: { id: 'carl', role: 'cab-member' },
        at: '2026-03-05T12:00:00.000Z',
      },
    ]);
    await settled(position);
    const lines = await history.historyOf(change.changeId);
    const line = (revision: number, at: string, actor: string, field: string, oldValue: string | null, newValue: string | null, eventType: string) =>
      ({ revision, at, actor, field, oldValue, newValue, eventType });
    expect(lines.filter((entry) => entry.revision > 0)).toEqual([
      line(1, '2026-03-05T09:00:00.000Z', 'rita', 'testPlan', 'test', 'Run the smoke tests twice', 'ChangeUpdated'),
      line(2, '2026-03-05T10:00:00.000Z', 'rita', 'state', 'new', 'assess', 'ChangeSubmitted'),
      line(3, '2026-03-05T11:00:00.000Z', 'mia', 'state', 'assess', 'authorize', 'ChangeRiskAssessed'),
      line(3, '2026-03-05T11:00:00.000Z', 'mia', 'riskLevel', null, 'moderate', 'ChangeRiskAssessed'),
      line(4, '2026-03-05T11:00:00.000Z', 'mia', 'approvalStatus', null, 'pending', 'ChangeApprovalRequested'),
      line(5, '2026-03-05T12:00:00.000Z', 'carl', 'approval.cab', null, 'approve: Fine', 'ChangeApprovalRecorded'),
      line(7, '2026-03-05T12:00:00.000Z', 'carl', 'state', 'authorize', 'scheduled', 'ChangeAuthorized'),
      line(7, '2026-03-05T12:00:00.000Z', 'carl', 'approvalStatus', 'pending', 'approved', 'ChangeAuthorized'),
    ]);
    expect(lines.filter((entry) => entry.revision === 0).map((entry) => entry.field)).toEqual(
      expect.arrayContaining(['state', 'type', 'shortDescription', 'serviceIds', 'plannedStart', 'implementerGroup', 'implementerAgent']),
    );
    expect((await history.historyOf(change.changeId, { upToRevision: 2 })).every((entry) => entry.revision <= 2)).toBe(true);
    expect(await history.historyOf(newId())).toEqual([]);
  });

  it('says in the history why approvals lapsed: the material fields that moved and the decisions voided', async () => {
    const { change, position } = await story({ raisedAt: '2026-03-05T08:00:00.000Z' }, [
      { intent: { type: 'SubmitChange', data: {} }, at: '2026-03-05T10:00:00.000Z' },
      { intent: assessed('moderate'), actor: { id: 'mia', role: 'change-manager' }, at: '2026-03-05T11:00:00.000Z' },
      {
        intent: (current) => ({ type: 'RecordApprovalDecision', data: { decision: 'approve', comment: '', seenHash: materialContentHash(current) } }),
        actor: { id: 'carl', role: 'cab-member' },
        at: '2026-03-05T12:00:00.000Z',
      },
      { intent: { type: 'UpdateChange', data: { plannedStart: '2030-05-01T21:00:00Z' } }, at: '2026-03-05T13:00:00.000Z' },
    ]);
    await settled(position);
    const lapse = (await history.historyOf(change.changeId)).filter((entry) => entry.eventType === 'ChangeApprovalsLapsed');
    expect(lapse.map(({ field, oldValue, newValue, actor, at }) => ({ field, oldValue, newValue, actor, at }))).toEqual([
      { field: 'state', oldValue: 'scheduled', newValue: 'assess', actor: 'rita', at: '2026-03-05T13:00:00.000Z' },
      { field: 'approvalStatus', oldValue: 'approved', newValue: 'lapsed', actor: 'rita', at: '2026-03-05T13:00:00.000Z' },
      { field: 'approvals.lapsed', oldValue: null, newValue: 'material-change: plannedStart; lapsed: cab approve by carl', actor: 'rita', at: '2026-03-05T13:00:00.000Z' },
    ]);
  });

  it('counts an implementer group’s completed changes since a time, failed and backed out as failures', async () => {
    const group = `grp-${newId()}`;
    await completed('successful', '2026-01-10T10:00:00.000Z', group);
    await completed('failed', '2026-02-10T10:00:00.000Z', group);
    await completed('backed-out', '2026-02-20T10:00:00.000Z', group);
    const { position } = await completed('successful', '2025-06-01T10:00:00.000Z', group);
    await settled(position);
    expect(await list.implementerRecord(group, new Date('2026-01-01T00:00:00Z'))).toEqual({ failed: 2, total: 3 });
    expect(await list.implementerRecord(group, new Date('2026-02-15T00:00:00Z'))).toEqual({ failed: 1, total: 1 });
    expect(await list.implementerRecord('nobody', new Date(0))).toEqual({ failed: 0, total: 0 });
  });

  it('applies a redelivered event once: rows and history stay as they were', async () => {
    const { change, position } = await story({}, [{ intent: { type: 'SubmitChange', data: {} } }]);
    await settled(position);
    const events = (await database.store.readStream(changeStreamId(change.changeId))) as RecordedEvent[];
    const before = [await list.get(change.changeId), await history.historyOf(change.changeId)];
    const tables = liveTablesOf(changeListProjection, database.schema);
    await database.db.transaction((tx) => (changeListProjection.applyBatch as NonNullable<typeof changeListProjection.applyBatch>)(tx, events, tables));
    expect([await list.get(change.changeId), await history.historyOf(change.changeId)]).toEqual(before);
  });
});
