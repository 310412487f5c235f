import { changeStreamId, incidentStreamId, serviceStreamId, type ChangeOutcome } from '@itsm/contracts';
import { newId, waitUntil, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { ProjectionRuntime } from '@itsm/projections';
// The copies DORA reads (catalog, incidents) are the application's; the host joins the two libs, and so does this spec.
import { changesApplicationProjections, SqlChangeCatalog, SqlChangeIncidents } from '@itsm/changes-application';
import { changesProjections, createChangesReadModels, type ChangesReadModels } from '../changes-read-models';
import { readModelTestDatabases, type ReadModelTestDatabase } from '../testing/read-model-test-database';
import { event, incidentOpened, incidentLinkedToChange, incidentResolved, serviceRegistered } from '../testing/schedule-event-builders';
import type { ServiceDora } from './dora.queries';

/** `2030-<month>-<day>T<time>:00.000Z`. */
const at = (month: number, day: number, time = '00:00'): string => `2030-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}:00.000Z`;

const raised = (changeId: string, number: string, serviceIds: string[], raisedAt: string): NewEvent =>
  event('ChangeRaised', {
    changeId, number, type: 'normal', requesterId: 'rita', templateId: null, state: 'new', raisedAt, shortDescription: number, description: 'spec',
    justification: 'spec', serviceIds, implementationPlan: 'p', backoutPlan: 'b', testPlan: 't', plannedStart: raisedAt, plannedEnd: raisedAt,
    implementer: { group: 'ops', agent: null },
  });
const started = (changeId: string, startedAt: string): NewEvent =>
  event('ChangeImplementationStarted', {
    changeId, plannedStart: startedAt, plannedEnd: startedAt, implementer: { group: 'ops', agent: null }, previousState: 'scheduled', state: 'implement', startedAt,
  });
const completed = (changeId: string, outcome: ChangeOutcome, completedAt: string): NewEvent =>
  event('ChangeCompleted', { changeId, outcome, notes: 'done', reviewRequired: outcome === 'failed' || outcome === 'backed-out', previousState: 'implement', state: 'review', completedAt });
const servicesEdited = (changeId: string, serviceIds: string[], previous: string[]): NewEvent =>
  event('ChangeUpdated', { changeId, changes: { serviceIds }, previous: { serviceIds: previous }, materialFields: ['serviceIds'], riskAssessmentDue: true, state: 'new', updatedAt: at(5, 5) });
const canceled = (changeId: string): NewEvent =>
  event('ChangeCanceled', { changeId, reason: 'not needed', previousState: 'new', state: 'canceled', canceledAt: at(5, 6) });

describe.each(readModelTestDatabases)('DORA figures of a service on %s', (_label, openDatabase) => {
  let database: ReadModelTestDatabase;
  let runtime: ProjectionRuntime;
  let readModels: ChangesReadModels;
  const projections = [...changesProjections, ...changesApplicationProjections()];
  const [s, t] = [newId(), newId()];
  const c = Object.fromEntries(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'].map((name) => [name, newId()]));
  const i = Object.fromEntries(['i1', 'i2', 'i3', 'i4', 'i5'].map((name) => [name, newId()]));
  const range = { from: new Date(at(5, 1)), to: new Date(at(5, 15)) };

  const append = async (streamId: string, events: NewEvent[]): Promise<number> =>
    (await database.store.appendToStream(streamId, events, { expectedRevision: 'any' })).lastGlobalPosition;

  /** Every event stored so far, in log order. */
  const storedEvents = async (): Promise<RecordedEvent[]> => {
    const stored: RecordedEvent[] = [];
    for (let from = -1; ; ) {
      const page = await database.store.readAll({ fromPosition: from, maxCount: 500 });
      if (page.events.length === 0) return stored;
      stored.push(...page.events);
      from = page.lastPosition;
    }
  };

  /** Waits until each projection has applied the last stored event of its types (it never moves for the others). */
  const caughtUp = async () => {
    const stored = await storedEvents();
    await waitUntil(
      'every projection to apply the log',
      async () => {
        const statuses = await runtime.status();
        const failed = statuses.find((status) => status.lastError);
        if (failed) throw new Error(`${failed.name}: ${failed.lastError}`);
        return statuses.every((status) => {
          const last = stored.filter((recorded) => status.eventTypes.includes(recorded.type)).at(-1);
          return !last || status.position >= last.globalPosition;
        });
      },
      20_000,
    );
  };

  /** An incident on `serviceId`, caused by `changeId`, opened and (when given) resolved at those instants. */
  const causedIncident = (incidentId: string, sequence: number, changeId: string, openedAt: string, resolvedAt?: string) => {
    const opened = incidentOpened(incidentId, sequence, s);
    (opened.data as { openedAt: string }).openedAt = openedAt;
    return append(incidentStreamId(incidentId), [
      opened,
      incidentLinkedToChange(incidentId, changeId, 'caused-by', openedAt),
      ...(resolvedAt ? [incidentResolved(incidentId, resolvedAt)] : []),
    ]);
  };

  const change = (id: string, _number: string, events: NewEvent[]) => append(changeStreamId(id), events);

  beforeAll(async () => {
    database = await openDatabase();
    const { store, db, schema, checkpointSchema } = database;
    runtime = await ProjectionRuntime.create({ db, source: store, projections, schema, checkpointSchema });
    await runtime.start();
    const incidents = new SqlChangeIncidents(db, schema);
    readModels = createChangesReadModels({ db, schema, checkpointSchema, sources: { catalog: new SqlChangeCatalog(db, schema), majorIncidents: incidents, causedIncidents: incidents } });

    await append(serviceStreamId(s), [serviceRegistered(s, 1, 'payments')]);
    await append(serviceStreamId(t), [serviceRegistered(t, 2, 'ledger')]);
    // Before the range, failed: the changes completed within 7 days after it rework it.
    await change(c.c0, 'CHG0000100', [raised(c.c0, 'CHG0000100', [s], at(4, 20)), started(c.c0, at(4, 28)), completed(c.c0, 'failed', at(4, 28, '10:00'))]);
    await change(c.c1, 'CHG0000101', [raised(c.c1, 'CHG0000101', [s], at(5, 1)), started(c.c1, at(5, 2)), completed(c.c1, 'successful', at(5, 2, '10:00'))]);
    await change(c.c2, 'CHG0000102', [raised(c.c2, 'CHG0000102', [s], at(5, 2)), started(c.c2, at(5, 2, '12:00')), completed(c.c2, 'successful', at(5, 3))]);
    await change(c.c3, 'CHG0000103', [raised(c.c3, 'CHG0000103', [s], at(5, 4)), started(c.c3, at(5, 4, '06:00')), completed(c.c3, 'backed-out', at(5, 4, '12:00'))]);
    await change(c.c4, 'CHG0000104', [raised(c.c4, 'CHG0000104', [s, t], at(5, 5)), started(c.c4, at(5, 11)), completed(c.c4, 'successful-with-issues', at(5, 12))]);
    await change(c.c5, 'CHG0000105', [raised(c.c5, 'CHG0000105', [s], at(5, 10)), started(c.c5, at(5, 13)), completed(c.c5, 'successful', at(5, 14))]);
    // At `to`: outside the half-open range.
    await change(c.c6, 'CHG0000106', [raised(c.c6, 'CHG0000106', [s], at(5, 10)), started(c.c6, at(5, 14)), completed(c.c6, 'failed', at(5, 15))]);
    // Another service only; started but not completed; canceled.
    await change(c.c7, 'CHG0000107', [raised(c.c7, 'CHG0000107', [t], at(5, 1)), started(c.c7, at(5, 3)), completed(c.c7, 'failed', at(5, 3, '01:00'))]);
    await change(c.c8, 'CHG0000108', [raised(c.c8, 'CHG0000108', [s], at(5, 1)), started(c.c8, at(5, 8))]);
    await change(c.c9, 'CHG0000109', [raised(c.c9, 'CHG0000109', [s], at(5, 1)), canceled(c.c9)]);
    // Raised on the other service, moved to this one before it was implemented.
    await change(c.c10, 'CHG0000110', [raised(c.c10, 'CHG0000110', [t], at(5, 5)), servicesEdited(c.c10, [s], [t]), started(c.c10, at(5, 5, '12:00')), completed(c.c10, 'successful', at(5, 6))]);
    await causedIncident(i.i1, 201, c.c2, at(5, 3, '02:00'), at(5, 3, '05:00'));
    await causedIncident(i.i2, 202, c.c2, at(5, 3, '03:00'));
    await causedIncident(i.i3, 203, c.c4, at(5, 12, '01:00'), at(5, 12, '02:00'));
    await causedIncident(i.i4, 204, c.c3, at(5, 4, '13:00'));
    // Linked as related, not caused: it counts nowhere.
    const related = incidentOpened(i.i5, 205, s);
    await append(incidentStreamId(i.i5), [related, incidentLinkedToChange(i.i5, c.c5, 'related', at(5, 14))]);
    await caughtUp();
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await database?.dispose();
  });

  const expected = {
    deploymentFrequency: {
      value: 0.4286, perWeek: 3, unit: 'deployments per day', numerator: 6, denominator: 14,
      changes: ['CHG0000101', 'CHG0000102', 'CHG0000103', 'CHG0000110', 'CHG0000104', 'CHG0000105'], incidents: [],
    },
    leadTime: {
      // 2040, 1440, 720, 1440, 10080, 5760 minutes: the middle two of the sorted six are 1440 and 2040.
      value: 1740, p90: 10080, unit: 'minutes (median)', numerator: 6, denominator: 6,
      changes: ['CHG0000101', 'CHG0000102', 'CHG0000103', 'CHG0000110', 'CHG0000104', 'CHG0000105'], incidents: [],
      details: [
        { change: 'CHG0000101', minutes: 2040 }, { change: 'CHG0000102', minutes: 1440 }, { change: 'CHG0000103', minutes: 720 },
        { change: 'CHG0000110', minutes: 1440 }, { change: 'CHG0000104', minutes: 10080 }, { change: 'CHG0000105', minutes: 5760 },
      ],
    },
    changeFailureRate: {
      // 102 caused incidents, 103 was backed out (and caused one), 104 succeeded with issues but caused one.
      value: 0.5, unit: 'ratio', numerator: 3, denominator: 6,
      changes: ['CHG0000102', 'CHG0000103', 'CHG0000104'], incidents: ['INC0000201', 'INC0000202', 'INC0000204', 'INC0000203'],
    },
    recoveryTime: {
      // First incidents: 201 resolved after 180 minutes, 204 not yet, 203 after 60.
      value: 120, unit: 'minutes (median)', numerator: 2, denominator: 3,
      changes: ['CHG0000102', 'CHG0000104'], incidents: ['INC0000201', 'INC0000203'],
      details: [
        { change: 'CHG0000102', incident: 'INC0000201', minutes: 180 },
        { change: 'CHG0000103', incident: 'INC0000204', minutes: null },
        { change: 'CHG0000104', incident: 'INC0000203', minutes: 60 },
      ],
    },
    reworkRate: {
      value: 0.8333, unit: 'ratio', numerator: 5, denominator: 6,
      changes: ['CHG0000101', 'CHG0000102', 'CHG0000103', 'CHG0000110', 'CHG0000105'], incidents: [],
      details: [
        { change: 'CHG0000101', after: ['CHG0000100'] },
        { change: 'CHG0000102', after: ['CHG0000100'] },
        { change: 'CHG0000103', after: ['CHG0000100', 'CHG0000102'] },
        { change: 'CHG0000110', after: ['CHG0000102', 'CHG0000103'] },
        { change: 'CHG0000105', after: ['CHG0000104'] },
      ],
    },
  };

  it('gives every figure with its numerator, denominator, changes and incidents', async () => {
    const dora = await readModels.dora.forService(s, range);
    expect(dora).toEqual({
      serviceId: s, serviceNumber: 'SVC0000001', serviceName: 'payments', from: range.from.toISOString(), to: range.to.toISOString(), reworkWindowDays: 7,
      ...expected,
    });
  });

  it('counts only the service’s own changes: the other service has 104 (and 107, failed) in the range', async () => {
    const dora = (await readModels.dora.forService(t, range)) as ServiceDora;
    expect(dora.deploymentFrequency).toMatchObject({ numerator: 2, changes: ['CHG0000107', 'CHG0000104'] });
    expect(dora.changeFailureRate).toMatchObject({ value: 1, numerator: 2, denominator: 2, changes: ['CHG0000107', 'CHG0000104'] });
    // 104 completed 9 days after 107 failed: outside the rework window.
    expect(dora.reworkRate).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
  });

  it('gives no figure rather than a made-up 0 when nothing was completed, and null for a service the copy does not know', async () => {
    const empty = (await readModels.dora.forService(s, { from: new Date(at(6, 1)), to: new Date(at(6, 8)) })) as ServiceDora;
    expect(empty.deploymentFrequency).toMatchObject({ value: 0, numerator: 0, denominator: 7, changes: [] });
    expect(empty.leadTime).toMatchObject({ value: null, p90: null, numerator: 0, denominator: 0 });
    expect(empty.changeFailureRate).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(empty.recoveryTime).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(empty.reworkRate).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(await readModels.dora.forService(newId(), range)).toBeNull();
  });

  it('reads its range from the (service, completed at) index', async () => {
    const plan = await database.db.transaction(async (tx) => {
      // A few rows would be read whole; with sequential scans off the plan shows what serves the query at scale.
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT change_id FROM "${database.schema}".delivery_services WHERE service_id = $1 AND completed_at >= $2 AND completed_at < $3`,
        [s, range.from.toISOString(), range.to.toISOString()],
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan using \S*delivery_services\S*completed_at\S* on|Bitmap Index Scan on \S*delivery_services\S*completed_at/);
  });

  it('comes out the same from Kafka: streams in reverse order, each in its own order, and redelivered', async () => {
    const stored = await storedEvents();
    const streams = [...new Set(stored.map((recorded) => recorded.streamId))].reverse();
    const reordered = streams.flatMap((streamId) => stored.filter((recorded) => recorded.streamId === streamId));
    const schema = `${database.schema}_kafka`;
    const checkpointSchema = `${database.checkpointSchema}_kafka`;
    const pushed = await ProjectionRuntime.create({ db: database.db, source: database.store, projections, liveSource: 'pushed', schema, checkpointSchema });
    try {
      for (let n = 0; n < reordered.length; n += 7) await pushed.handle(reordered.slice(n, n + 7));
      await pushed.handle(reordered.slice(0, 20));
      const incidents = new SqlChangeIncidents(database.db, schema);
      const fromKafka = createChangesReadModels({
        db: database.db, schema, checkpointSchema, sources: { catalog: new SqlChangeCatalog(database.db, schema), majorIncidents: incidents, causedIncidents: incidents },
      });
      expect(await fromKafka.dora.forService(s, range)).toEqual(await readModels.dora.forService(s, range));
    } finally {
      await pushed.stop();
      await database.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await database.db.query(`DROP SCHEMA IF EXISTS "${checkpointSchema}" CASCADE`);
    }
  }, 60_000);
});
