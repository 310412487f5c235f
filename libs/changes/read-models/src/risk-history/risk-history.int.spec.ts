import { changeStreamId, type ChangeRiskFacts } from '@itsm/contracts';
import { newId, waitUntil, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { ProjectionRuntime } from '@itsm/projections';
import { createChangesReadModels, type ChangesReadModels } from '../changes-read-models';
import { readModelTestDatabases, type ReadModelTestDatabase } from '../testing/read-model-test-database';
import { changeRaised, event } from '../testing/schedule-event-builders';
import { RiskHistoryFold } from './risk-history.fold';
import { changeRiskHistoryProjection } from './risk-history.projection';

const facts = (overrides: Partial<ChangeRiskFacts> = {}): ChangeRiskFacts => ({
  changeType: 'normal',
  serviceCriticalities: ['high'],
  dependentServiceCount: 3,
  expectedOutageMinutes: 0,
  outsideMaintenanceWindow: false,
  implementerRecentFailureRate: { failed: 0, total: 4 },
  ...overrides,
});

const assessed = (changeId: string, level: string, extra: Record<string, unknown>): NewEvent =>
  event('ChangeRiskAssessed', {
    changeId, level, policyVersion: '2026-12.1', firedRules: [], questionScores: [], ruleLevel: level, questionnaireLevel: 'low',
    previousLevel: null, previousState: 'assess', state: 'authorize', assessedAt: '2030-02-01T10:00:00.000Z', ...extra,
  });
const completed = (changeId: string, outcome: string): NewEvent =>
  event('ChangeCompleted', { changeId, outcome, notes: 'done', reviewRequired: false, previousState: 'implement', state: 'review', completedAt: '2030-02-03T10:00:00.000Z' });
const caused = (changeId: string, incidentNumber: string, causedIncidentCount: number): NewEvent =>
  event('ChangeCausedIncidentRecorded', { changeId, incidentId: newId(), incidentNumber, linkedAt: '2030-02-04T10:00:00.000Z', causedIncidentCount, recordedAt: '2030-02-04T10:00:00.000Z' });
const uncaused = (changeId: string, causedIncidentCount: number): NewEvent =>
  event('ChangeCausedIncidentRemoved', { changeId, incidentId: newId(), incidentNumber: 'INC0000009', causedIncidentCount, removedAt: '2030-02-05T10:00:00.000Z' });

describe.each(readModelTestDatabases)('the risk history the back-test replays, on %s', (_label, openDatabase) => {
  let database: ReadModelTestDatabase;
  let runtime: ProjectionRuntime;
  let readModels: ChangesReadModels;
  const history: { raised: ReturnType<typeof changeRaised>; events: NewEvent[] }[] = [];

  beforeAll(async () => {
    database = await openDatabase();
    const { store, db, schema, checkpointSchema } = database;
    runtime = await ProjectionRuntime.create({ db, source: store, projections: [changeRiskHistoryProjection], schema, checkpointSchema });
    await runtime.start();
    const never = async () => [];
    readModels = createChangesReadModels({
      db, schema, checkpointSchema,
      sources: { catalog: { services: never, relatedServices: never, maintenanceWindows: never }, majorIncidents: { onServices: never }, causedIncidents: { causedBy: never } },
    });

    const [a, b, c, d] = [1, 2, 3, 4].map((sequence) => changeRaised({ sequence, serviceIds: [newId()], plannedStart: '2030-02-02T10:00:00.000Z', plannedEnd: '2030-02-02T12:00:00.000Z' }));
    history.push(
      // Assessed twice (the latest counts), failed, two incidents caused and one of them unlinked again.
      { raised: a, events: [assessed(a.changeId, 'moderate', { inputs: { facts: facts(), answers: { outage: 'no' } } }), assessed(a.changeId, 'high', { inputs: { facts: facts({ expectedOutageMinutes: 45 }), answers: { outage: 'yes' } }, previousLevel: 'moderate' }), completed(a.changeId, 'failed'), caused(a.changeId, 'INC0000001', 1), caused(a.changeId, 'INC0000002', 2), uncaused(a.changeId, 1)] },
      // Assessed before the event kept its inputs (no such field at all).
      { raised: { ...b, type: 'emergency' }, events: [assessed(b.changeId, 'low', {}), completed(b.changeId, 'successful')] },
      // Standard: never assessed, never replayed.
      { raised: { ...c, type: 'standard', templateId: newId() }, events: [completed(c.changeId, 'successful')] },
      // Switched to emergency, assessed, not completed.
      { raised: d, events: [event('ChangeTypeChanged', { changeId: d.changeId, from: 'normal', to: 'emergency', templateId: null, previousTemplateId: null, riskAssessmentDue: true, changedAt: '2030-02-01T09:00:00.000Z' }), assessed(d.changeId, 'very-high', { inputs: { facts: facts({ changeType: 'emergency' }), answers: {} } })] },
    );
    let last = -1;
    for (const { raised, events } of history) {
      last = (await store.appendToStream(changeStreamId(raised.changeId), [event('ChangeRaised', raised), ...events], { expectedRevision: 'any' })).lastGlobalPosition;
    }
    await waitUntil('the risk history to catch up', async () => (await runtime.status()).every((status) => status.position >= last), 20_000);
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await database?.dispose();
  });

  it('holds each assessed change’s latest assessment, outcome and caused incidents, by number; a standard change is left out', async () => {
    const [a, b, , d] = history.map(({ raised }) => raised);
    const progress: number[] = [];
    expect(await readModels.riskHistory.assessedChanges({ onProgress: (read) => progress.push(read) })).toEqual([
      {
        changeId: a.changeId, number: a.number, type: 'normal', recordedLevel: 'high', recordedPolicyVersion: '2026-12.1',
        facts: facts({ expectedOutageMinutes: 45 }), answers: { outage: 'yes' }, assessedAt: '2030-02-01T10:00:00.000Z', outcome: 'failed', causedIncidents: 1,
      },
      {
        changeId: b.changeId, number: b.number, type: 'emergency', recordedLevel: 'low', recordedPolicyVersion: '2026-12.1',
        facts: null, answers: null, assessedAt: '2030-02-01T10:00:00.000Z', outcome: 'successful', causedIncidents: 0,
      },
      {
        changeId: d.changeId, number: d.number, type: 'emergency', recordedLevel: 'very-high', recordedPolicyVersion: '2026-12.1',
        facts: facts({ changeType: 'emergency' }), answers: {}, assessedAt: '2030-02-01T10:00:00.000Z', outcome: null, causedIncidents: 0,
      },
    ]);
    expect(progress).toEqual([3]);
  });

  it('folds the same entries in memory from the log (the CLI’s way), without the projection', async () => {
    const fold = new RiskHistoryFold();
    for (let from = -1; ; ) {
      const page: { events: RecordedEvent[]; lastPosition: number } = await database.store.readAll({ fromPosition: from, maxCount: 3, filter: RiskHistoryFold.filter });
      if (page.events.length === 0) break;
      page.events.forEach((recorded) => fold.add(recorded));
      from = page.lastPosition;
    }
    expect(fold.assessedChanges()).toEqual(await readModels.riskHistory.assessedChanges());
  });
});
