import { changeStreamId, freezeWindowStreamId, incidentStreamId, serviceStreamId, type ChangeRaisedV1 } from '@itsm/contracts';
import { newId, waitUntil, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { InvalidCursor, ProjectionRuntime } from '@itsm/projections';
// The copies the conflict detection reads are the application's (fed by catalog and incident events); the host joins
// the two libs, and so does this spec.
import { changesApplicationProjections, SqlChangeCatalog, SqlChangeIncidents } from '@itsm/changes-application';
import { blockingConflicts } from '@itsm/changes-domain';
import { changeScheduleTablesIn, changesProjections, createChangesReadModels, type ChangesReadModels } from '../changes-read-models';
import { readModelTestDatabases, type ReadModelTestDatabase } from '../testing/read-model-test-database';
import {
  changeCompleted,
  changeEvents,
  changeRaised,
  changeStarted,
  dependencyAdded,
  dependencyRemoved,
  freezeDeclared,
  freezeLifted,
  incidentOpened,
  incidentReopened,
  incidentResolved,
  maintenanceWindowsSet,
  majorIncidentAccepted,
  serviceRegistered,
  type ChangeInput,
} from '../testing/schedule-event-builders';
import type { ChangeConflict } from './change-conflict';
import { freezesInForceStatement, overlappingSlotsStatement, scheduleStatement } from './conflict.statements';

/** `2030-03-<day>T<time>:00.000Z`: each case works on days of its own, so the windows of other cases never overlap. */
const at = (day: number, time: string): string => `2030-03-${String(day).padStart(2, '0')}T${time}:00.000Z`;

const summary = (conflicts: ChangeConflict[] | null) => conflicts?.map(({ kind, changeNumber, incidentNumber }) => [kind, changeNumber ?? incidentNumber ?? null]);

describe.each(readModelTestDatabases)('change conflicts and the forward schedule on %s', (_label, openDatabase) => {
  let database: ReadModelTestDatabase;
  let runtime: ProjectionRuntime;
  let readModels: ChangesReadModels;
  let sequence = 0;
  const projections = [...changesProjections, ...changesApplicationProjections()];

  const append = async (streamId: string, events: NewEvent[]): Promise<number> =>
    (await database.store.appendToStream(streamId, events, { expectedRevision: 'any' })).lastGlobalPosition;

  /** Waits until every projection that reads one of `types` has applied the log up to `position` (the others never move). */
  const caughtUp = (position: number, types: readonly string[]) =>
    waitUntil(
      `the projections of ${types.join(', ')} to reach position ${position}`,
      async () => {
        const statuses = (await runtime.status()).filter((status) => types.some((type) => status.eventTypes.includes(type)));
        const failed = statuses.find((status) => status.lastError);
        if (failed) throw new Error(`${failed.name}: ${failed.lastError}`);
        return statuses.every((status) => status.position >= position);
      },
      20_000,
    );

  /**
   * Waits for the projections that read the appended stream's last event: having applied it, they applied the earlier
   * ones too (a projection that reads only earlier ones, such as the deliveries, need not move up to it).
   */
  const appendAndWait = async (streamId: string, events: NewEvent[]) => caughtUp(await append(streamId, events), [events[events.length - 1].type]);

  /** Registers fresh services (and dependency edges `[dependent, dependsOn]` by name) in the catalog's streams. */
  const catalog = async <Name extends string>(names: readonly Name[], edges: readonly [Name, Name][] = []): Promise<Record<Name, string>> => {
    const ids = Object.fromEntries(names.map((name) => [name, newId()])) as Record<Name, string>;
    let position = -1;
    for (const name of names) {
      sequence += 1;
      const dependsOn = edges.filter(([dependent]) => dependent === name).map(([, target]) => dependencyAdded(ids[name], ids[target]));
      position = await append(serviceStreamId(ids[name]), [serviceRegistered(ids[name], sequence, name), ...dependsOn]);
    }
    await caughtUp(position, ['ServiceRegistered']);
    return ids;
  };

  const change = async (input: Omit<ChangeInput, 'sequence'>, options: { scheduled?: boolean } = {}): Promise<ChangeRaisedV1> => {
    sequence += 1;
    const raised = changeRaised({ ...input, sequence });
    await appendAndWait(changeStreamId(raised.changeId), changeEvents(raised, options));
    return raised;
  };

  beforeAll(async () => {
    database = await openDatabase();
    const { store, db, schema, checkpointSchema } = database;
    runtime = await ProjectionRuntime.create({ db, source: store, projections, schema, checkpointSchema });
    await runtime.start();
    readModels = createChangesReadModels({
      db,
      schema,
      checkpointSchema,
      sources: { catalog: new SqlChangeCatalog(db, schema), majorIncidents: new SqlChangeIncidents(db, schema), causedIncidents: new SqlChangeIncidents(db, schema) },
    });
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    await database?.dispose();
  });

  describe('service overlaps', () => {
    it('finds a scheduled change on the same service with an overlapping window; a candidate holds no slot', async () => {
      const s = await catalog(['app']);
      const scheduled = await change({ serviceIds: [s.app], plannedStart: at(1, '10:00'), plannedEnd: at(1, '12:00') });
      const candidate = await change({ serviceIds: [s.app], plannedStart: at(1, '11:00'), plannedEnd: at(1, '13:00') }, { scheduled: false });

      const conflicts = await readModels.conflicts.conflictsOf(candidate.changeId);
      expect(conflicts).toEqual([
        {
          kind: 'service-overlap',
          detail: expect.stringMatching(new RegExp(`^${scheduled.number} \\(scheduled\\) also works on app \\(SVC\\d{7}\\), 2030-03-01 10:00–12:00 UTC$`)),
          serviceId: s.app,
          changeId: scheduled.changeId,
          changeNumber: scheduled.number,
        },
      ]);
      // The candidate is not on the schedule: it does not conflict with the scheduled change.
      expect(await readModels.conflicts.conflictsOf(scheduled.changeId)).toEqual([]);
    });

    it('does not count adjacent windows [a, b) and [b, c) as overlapping', async () => {
      const s = await catalog(['app']);
      await change({ serviceIds: [s.app], plannedStart: at(2, '10:00'), plannedEnd: at(2, '12:00') });
      const after = await change({ serviceIds: [s.app], plannedStart: at(2, '12:00'), plannedEnd: at(2, '14:00') });
      const before = await change({ serviceIds: [s.app], plannedStart: at(2, '08:00'), plannedEnd: at(2, '10:00') });
      expect(await readModels.conflicts.conflictsOf(after.changeId)).toEqual([]);
      expect(await readModels.conflicts.conflictsOf(before.changeId)).toEqual([]);
      // One minute more does overlap, both ways once both are scheduled.
      const longer = await change({ serviceIds: [s.app], plannedStart: at(2, '11:59'), plannedEnd: at(2, '12:30') });
      expect(summary(await readModels.conflicts.conflictsOf(longer.changeId))).toEqual([
        ['service-overlap', expect.any(String)],
        ['service-overlap', after.number],
      ]);
      expect(summary(await readModels.conflicts.conflictsOf(after.changeId))).toEqual([['service-overlap', longer.number]]);
    });

    it('finds a change on a dependent or a dependency service, two hops away, in both directions', async () => {
      // web → app → db → storage; mail stands alone.
      const s = await catalog(['web', 'app', 'db', 'storage', 'mail'], [['web', 'app'], ['app', 'db'], ['db', 'storage']]);
      const onApp = await change({ serviceIds: [s.app], plannedStart: at(3, '10:00'), plannedEnd: at(3, '12:00') });
      const onStorage = await change({ serviceIds: [s.storage], plannedStart: at(3, '11:00'), plannedEnd: at(3, '11:30') });
      const onMail = await change({ serviceIds: [s.mail], plannedStart: at(3, '10:00'), plannedEnd: at(3, '12:00') });

      const ofApp = await readModels.conflicts.conflictsOf(onApp.changeId);
      expect(ofApp).toEqual([
        expect.objectContaining({ kind: 'dependent-service-overlap', serviceId: s.app, viaServiceId: s.storage, changeId: onStorage.changeId, changeNumber: onStorage.number }),
      ]);
      expect(ofApp?.[0]?.detail).toMatch(/works on storage \(SVC\d{7}\), which app \(SVC\d{7}\) depends on \(through 1 other service\), 2030-03-03 11:00–11:30 UTC$/);
      const ofStorage = await readModels.conflicts.conflictsOf(onStorage.changeId);
      expect(ofStorage).toEqual([expect.objectContaining({ kind: 'dependent-service-overlap', serviceId: s.storage, viaServiceId: s.app, changeId: onApp.changeId })]);
      expect(ofStorage?.[0]?.detail).toMatch(/works on app \(SVC\d{7}\), which depends on storage \(SVC\d{7}\) \(through 1 other service\)/);
      expect(await readModels.conflicts.conflictsOf(onMail.changeId)).toEqual([]);

      // A dependency removed in the catalog: the next read no longer relates them.
      await appendAndWait(serviceStreamId(s.app), [dependencyRemoved(s.app, s.db)]);
      expect(await readModels.conflicts.conflictsOf(onApp.changeId)).toEqual([]);
      // …and one added relates them again at once.
      await appendAndWait(serviceStreamId(s.mail), [dependencyAdded(s.mail, s.web)]);
      expect(summary(await readModels.conflicts.conflictsOf(onMail.changeId))).toEqual([['dependent-service-overlap', onApp.number]]);
    });

    it('checks a window before the change exists, and leaves an existing change out of its own overlaps', async () => {
      const s = await catalog(['app', 'db'], [['app', 'db']]);
      const scheduled = await change({ serviceIds: [s.app], plannedStart: at(4, '10:00'), plannedEnd: at(4, '12:00'), implementer: { group: 'ops', agent: 'alice' } });
      const candidate = { serviceIds: [s.db, s.app], plannedStart: at(4, '11:00'), plannedEnd: at(4, '11:30'), implementer: { group: 'ops', agent: 'alice' } };
      expect(summary(await readModels.conflicts.conflictsFor(candidate))).toEqual([
        ['service-overlap', scheduled.number],
        ['implementer-double-booked', scheduled.number],
      ]);
      expect(await readModels.conflicts.conflictsFor({ ...candidate, changeId: scheduled.changeId })).toEqual([]);
      await expect(readModels.conflicts.conflictsFor({ ...candidate, plannedEnd: candidate.plannedStart })).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('freeze windows', () => {
    it('finds a freeze of every service and one of the change’s services, not one of other services nor a lifted one', async () => {
      const s = await catalog(['app', 'mail', 'web']);
      const [everything, ofApp, ofMail, lifted] = [newId(), newId(), newId(), newId()];
      await append(freezeWindowStreamId(everything), [freezeDeclared(everything, 'Quarter end', at(5, '00:00'), at(5, '11:00'))]);
      await append(freezeWindowStreamId(ofApp), [freezeDeclared(ofApp, 'App release', at(5, '11:30'), at(6, '00:00'), [s.app])]);
      await append(freezeWindowStreamId(ofMail), [freezeDeclared(ofMail, 'Mail migration', at(5, '00:00'), at(6, '00:00'), [s.mail])]);
      await append(freezeWindowStreamId(lifted), [freezeDeclared(lifted, 'Called off', at(5, '00:00'), at(6, '00:00')), freezeLifted(lifted)]);
      const onApp = await change({ serviceIds: [s.app], plannedStart: at(5, '10:00'), plannedEnd: at(5, '12:00') });

      const conflicts = await readModels.conflicts.conflictsOf(onApp.changeId);
      expect(conflicts?.map(({ kind, freezeWindowId, serviceId }) => [kind, freezeWindowId, serviceId])).toEqual([
        ['freeze-window', everything, s.app],
        ['freeze-window', ofApp, s.app],
      ]);
      expect(conflicts?.[0]?.detail).toBe('Freeze window "Quarter end" (2030-03-05 00:00–11:00 UTC) freezes every service');
      expect(conflicts?.[1]?.detail).toMatch(/^Freeze window "App release" \(2030-03-05 11:30 – 2030-03-06 00:00 UTC\) freezes app \(SVC\d{7}\)$/);

      // Ending where the change starts: no overlap.
      const early = await change({ serviceIds: [s.web], plannedStart: at(5, '11:00'), plannedEnd: at(5, '11:30') });
      expect(await readModels.conflicts.conflictsOf(early.changeId)).toEqual([]);

      // Lifted: the next read no longer has it.
      await appendAndWait(freezeWindowStreamId(ofApp), [freezeLifted(ofApp)]);
      expect(summary(await readModels.conflicts.conflictsOf(onApp.changeId))).toEqual([['freeze-window', null]]);
    });

    it('lists freeze windows overlapping a range, lifted ones with their state, in cursor pages', async () => {
      const ids = [newId(), newId(), newId()];
      await append(freezeWindowStreamId(ids[0]), [freezeDeclared(ids[0], 'First', at(20, '00:00'), at(21, '00:00'))]);
      await append(freezeWindowStreamId(ids[1]), [freezeDeclared(ids[1], 'Second', at(21, '00:00'), at(22, '00:00')), freezeLifted(ids[1])]);
      await appendAndWait(freezeWindowStreamId(ids[2]), [freezeDeclared(ids[2], 'Third', at(22, '00:00'), at(23, '00:00'))]);
      const range = { from: new Date(at(20, '12:00')), to: new Date(at(22, '00:00')) };
      const first = await readModels.freezeWindows.list({ ...range, limit: 1 });
      expect(first.items.map((item) => [item.name, item.state])).toEqual([['First', 'declared']]);
      const second = await readModels.freezeWindows.list({ ...range, limit: 1, cursor: first.nextCursor ?? '' });
      expect(second).toEqual({ items: [expect.objectContaining({ id: ids[1], name: 'Second', state: 'lifted', liftReason: 'no longer needed', revision: 1 })], nextCursor: null });
      expect((await readModels.freezeWindows.list({ from: new Date(at(22, '12:00')) })).items.map((item) => item.name)).toContain('Third');
      expect((await readModels.freezeWindows.get(ids[2]))?.serviceIds).toBeNull();
      await expect(readModels.freezeWindows.list({ cursor: 'bogus' })).rejects.toBeInstanceOf(InvalidCursor);
    });
  });

  describe('maintenance windows', () => {
    it('finds a window outside the service’s maintenance windows, in the service’s time zone; none without windows', async () => {
      const s = await catalog(['payroll', 'mail']);
      // Saturday 22:00 to Sunday 06:00, Berlin time (UTC+1 in March 2030 before the switch on the 31st).
      await appendAndWait(serviceStreamId(s.payroll), [maintenanceWindowsSet(s.payroll, 'Europe/Berlin', [{ day: 'sat', from: '22:00', to: '06:00' }])]);
      const inside = await change({ serviceIds: [s.payroll, s.mail], plannedStart: '2030-03-09T22:00:00.000Z', plannedEnd: '2030-03-10T01:00:00.000Z' });
      const outside = await change({ serviceIds: [s.mail, s.payroll], plannedStart: '2030-03-13T10:00:00.000Z', plannedEnd: '2030-03-13T11:00:00.000Z' });
      expect(await readModels.conflicts.conflictsOf(inside.changeId)).toEqual([]);
      expect(await readModels.conflicts.conflictsOf(outside.changeId)).toEqual([
        {
          kind: 'outside-maintenance-window',
          detail: expect.stringMatching(/^2030-03-13 10:00–11:00 UTC is outside the maintenance windows of payroll \(SVC\d{7}\): sat 22:00–06:00 \(Europe\/Berlin\)$/),
          serviceId: s.payroll,
        },
      ]);
      // Straddling the end of the window (Berlin 06:00 = 05:00 UTC) is outside too.
      expect(summary(await readModels.conflicts.conflictsFor({ serviceIds: [s.payroll], plannedStart: '2030-03-10T04:00:00.000Z', plannedEnd: '2030-03-10T05:30:00.000Z', implementer: { group: 'ops' } }))).toEqual([
        ['outside-maintenance-window', null],
      ]);
      // Windows removed: no constraint any more.
      await appendAndWait(serviceStreamId(s.payroll), [maintenanceWindowsSet(s.payroll, 'Europe/Berlin', [])]);
      expect(await readModels.conflicts.conflictsOf(outside.changeId)).toEqual([]);
    });
  });

  describe('implementer', () => {
    it('finds the same agent on an overlapping change of an unrelated service; a group alone is never double-booked', async () => {
      const s = await catalog(['app', 'mail']);
      const first = await change({ serviceIds: [s.app], plannedStart: at(7, '10:00'), plannedEnd: at(7, '12:00'), implementer: { group: 'ops', agent: 'alice' } });
      const second = await change({ serviceIds: [s.mail], plannedStart: at(7, '11:00'), plannedEnd: at(7, '13:00'), implementer: { group: 'mail-team', agent: 'alice' } });
      const groupOnly = await change({ serviceIds: [s.mail], plannedStart: at(8, '11:00'), plannedEnd: at(8, '13:00'), implementer: { group: 'ops', agent: null } });
      await change({ serviceIds: [s.app], plannedStart: at(8, '10:00'), plannedEnd: at(8, '12:00'), implementer: { group: 'ops', agent: null } });
      const conflicts = await readModels.conflicts.conflictsOf(second.changeId);
      expect(conflicts).toEqual([expect.objectContaining({ kind: 'implementer-double-booked', serviceId: s.mail, changeId: first.changeId, changeNumber: first.number })]);
      expect(conflicts?.[0]?.detail).toBe(`alice also implements ${first.number} (scheduled), 2030-03-07 10:00–12:00 UTC`);
      expect(await readModels.conflicts.conflictsOf(groupOnly.changeId)).toEqual([]);
    });
  });

  describe('major incidents (the automatic freeze)', () => {
    it('freezes changes on the service and on services related to it either way, naming the incident, until it is resolved', async () => {
      // portal → orders → db; db → storage
      const s = await catalog(['portal', 'orders', 'db', 'storage'], [['portal', 'orders'], ['orders', 'db'], ['db', 'storage']]);
      const onPortal = await change({ serviceIds: [s.portal], plannedStart: at(9, '10:00'), plannedEnd: at(9, '11:00') });
      const onDb = await change({ serviceIds: [s.db], plannedStart: at(10, '10:00'), plannedEnd: at(10, '11:00') }, { scheduled: false });
      const onStorage = await change({ serviceIds: [s.storage], plannedStart: at(11, '10:00'), plannedEnd: at(11, '11:00') });
      const emergency = await change({ type: 'emergency', serviceIds: [s.orders], plannedStart: at(12, '10:00'), plannedEnd: at(12, '11:00') });
      const incidentId = newId();
      sequence += 1;
      const incidentNumber = `INC${String(sequence).padStart(7, '0')}`;
      await appendAndWait(incidentStreamId(incidentId), [incidentOpened(incidentId, sequence, s.db), majorIncidentAccepted(incidentId)[0]]);
      // Proposed only: no freeze yet.
      expect(await readModels.conflicts.conflictsOf(onDb.changeId)).toEqual([]);

      await appendAndWait(incidentStreamId(incidentId), [majorIncidentAccepted(incidentId)[1]]);
      expect(await readModels.conflicts.conflictsOf(onDb.changeId)).toEqual([
        {
          kind: 'major-incident',
          detail: expect.stringMatching(new RegExp(`^Major incident ${incidentNumber} is open on db \\(SVC\\d{7}\\): normal and standard changes wait until it is resolved$`)),
          serviceId: s.db,
          incidentId,
          incidentNumber,
        },
      ]);
      const ofPortal = await readModels.conflicts.conflictsOf(onPortal.changeId);
      expect(ofPortal).toEqual([expect.objectContaining({ kind: 'major-incident', serviceId: s.portal, viaServiceId: s.db, incidentId, incidentNumber })]);
      expect(ofPortal?.[0]?.detail).toMatch(/is open on db \(SVC\d{7}\), which portal \(SVC\d{7}\) depends on \(through 1 other service\)/);
      // db depends on storage: a change on what the stricken service runs on is frozen too, naming the relation.
      const ofStorage = await readModels.conflicts.conflictsOf(onStorage.changeId);
      expect(ofStorage).toEqual([expect.objectContaining({ kind: 'major-incident', serviceId: s.storage, viaServiceId: s.db, incidentId, incidentNumber })]);
      expect(ofStorage?.[0]?.detail).toMatch(/is open on db \(SVC\d{7}\), which depends on storage \(SVC\d{7}\):/);

      // Reported for an emergency change too, but it goes on through ECAB: the rule does not block it.
      const ofEmergency = (await readModels.conflicts.conflictsOf(emergency.changeId)) ?? [];
      expect(summary(ofEmergency)).toEqual([['major-incident', incidentNumber]]);
      expect(blockingConflicts(ofEmergency, 'emergency')).toEqual([]);
      expect(blockingConflicts(ofPortal ?? [], 'normal')).toEqual(ofPortal);

      await appendAndWait(incidentStreamId(incidentId), [incidentResolved(incidentId)]);
      expect(await readModels.conflicts.conflictsOf(onPortal.changeId)).toEqual([]);
      expect(await readModels.conflicts.conflictsOf(onStorage.changeId)).toEqual([]);
      expect(await readModels.conflicts.conflictsOf(onDb.changeId)).toEqual([]);

      // Reopened: it was accepted, so the freeze is back.
      await appendAndWait(incidentStreamId(incidentId), [incidentReopened(incidentId)]);
      expect(summary(await readModels.conflicts.conflictsOf(onDb.changeId))).toEqual([['major-incident', incidentNumber]]);
    });
  });

  describe('which changes are checked', () => {
    it('knows nothing of a change it has not seen; a change past implementation has no conflicts; an implementing one holds its slot', async () => {
      expect(await readModels.conflicts.conflictsOf(newId())).toBeNull();
      const s = await catalog(['app']);
      const implementing = await change({ serviceIds: [s.app], plannedStart: at(13, '10:00'), plannedEnd: at(13, '12:00') });
      await appendAndWait(changeStreamId(implementing.changeId), [changeStarted(implementing)]);
      const other = await change({ serviceIds: [s.app], plannedStart: at(13, '11:00'), plannedEnd: at(13, '13:00') });
      expect(summary(await readModels.conflicts.conflictsOf(other.changeId))).toEqual([['service-overlap', implementing.number]]);
      await appendAndWait(changeStreamId(implementing.changeId), [changeCompleted(implementing.changeId)]);
      expect(await readModels.conflicts.conflictsOf(implementing.changeId)).toEqual([]);
      expect(await readModels.conflicts.conflictsOf(other.changeId)).toEqual([]);
    });
  });

  describe('the forward schedule', () => {
    it('lists the changes holding a slot whose window overlaps [from, to), by planned start, each with its conflicts, in cursor pages', async () => {
      const s = await catalog(['app', 'db', 'other'], [['app', 'db']]);
      const straddling = await change({ serviceIds: [s.app], plannedStart: at(14, '22:00'), plannedEnd: at(15, '02:00') });
      const first = await change({ serviceIds: [s.db], plannedStart: at(15, '01:00'), plannedEnd: at(15, '03:00') });
      const second = await change({ serviceIds: [s.app], plannedStart: at(15, '10:00'), plannedEnd: at(15, '11:00') });
      const third = await change({ serviceIds: [s.app], plannedStart: at(15, '10:00'), plannedEnd: at(15, '10:30') });
      await change({ serviceIds: [s.app], plannedStart: at(15, '12:00'), plannedEnd: at(15, '13:00') }, { scheduled: false });
      await change({ serviceIds: [s.other], plannedStart: at(14, '20:00'), plannedEnd: at(15, '00:00') }); // ends at `from`
      await change({ serviceIds: [s.other], plannedStart: at(16, '00:00'), plannedEnd: at(16, '01:00') }); // starts at `to`
      const range = { from: new Date(at(15, '00:00')), to: new Date(at(16, '00:00')) };

      const items = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await readModels.schedule.schedule({ ...range, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        items.push(...page.items);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      const [secondOrThird, thirdOrSecond] = [second, third].sort((a, b) => (a.changeId < b.changeId ? -1 : 1));
      expect(items.map((item) => item.number)).toEqual([straddling.number, first.number, secondOrThird.number, thirdOrSecond.number]);
      expect(items[0]).toEqual({
        id: straddling.changeId,
        number: straddling.number,
        type: 'normal',
        state: 'scheduled',
        shortDescription: straddling.shortDescription,
        serviceIds: [s.app],
        plannedStart: straddling.plannedStart,
        plannedEnd: straddling.plannedEnd,
        implementer: { group: 'ops', agent: null },
        conflicts: [expect.objectContaining({ kind: 'dependent-service-overlap', changeId: first.changeId })],
      });
      expect(summary(items[2]?.conflicts ?? [])).toEqual([['service-overlap', thirdOrSecond.number]]);
      await expect(readModels.schedule.schedule({ ...range, cursor: Buffer.from('{"s":1}').toString('base64url') })).rejects.toBeInstanceOf(InvalidCursor);
    });
  });

  it('answers the conflict check and the schedule from indexes (GiST probes of the windows, the schedule in index order)', async () => {
    const tables = changeScheduleTablesIn(database.schema);
    const probes = [{ key: 'a', changeId: null, start: new Date(at(15, '00:00')), end: new Date(at(15, '06:00')) }];
    const explain = (statement: { sql: string; params: unknown[] }) =>
      database.db.transaction(async (tx) => {
        // A few dozen rows would be read whole; with sequential scans off the plan shows what serves the query at scale.
        await tx.query('SET LOCAL enable_seqscan = off');
        return (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.sql}`, statement.params)).map((row) => row['QUERY PLAN']).join('\n');
      });
    expect(await explain(overlappingSlotsStatement(tables, probes))).toMatch(/Index (Only )?Scan using \S*change_windows\S*time_window\S* on|Bitmap Index Scan on \S*change_windows\S*time_window/);
    expect(await explain(freezesInForceStatement(tables, probes))).toMatch(/Index (Only )?Scan using \S*freeze_windows\S*period\S* on|Bitmap Index Scan on \S*freeze_windows\S*period/);
    const schedule = await explain(scheduleStatement(tables, { from: probes[0].start, to: probes[0].end, limit: 21, after: { plannedStart: at(15, '01:00'), changeId: newId() } }));
    expect(schedule).toMatch(/Index Scan using \S*change_windows\S*planned_start\S* on/);
    expect(schedule).toMatch(/Scan (using|on) \S*change_windows\S*time_window/);
    expect(schedule).not.toMatch(/Seq Scan/);
  });

  it('gives the same conflicts and schedule from Kafka (per-stream order, streams interleaved otherwise, redeliveries)', async () => {
    const log: RecordedEvent[] = [];
    for (let position = -1; ; ) {
      const page = await database.store.readAll({ fromPosition: position, maxCount: 1000 });
      log.push(...page.events);
      if (page.events.length < 1000) break;
      position = page.lastPosition;
    }
    // Streams newest first, each in its own order: changes and freezes before the catalog and incidents they refer to.
    const streams = [...new Set(log.map((event) => event.streamId))].reverse();
    const reordered = streams.flatMap((streamId) => log.filter((event) => event.streamId === streamId));
    const schema = `${database.schema}_kafka`;
    const checkpointSchema = `${database.checkpointSchema}_kafka`;
    const pushed = await ProjectionRuntime.create({ db: database.db, source: database.store, projections, liveSource: 'pushed', schema, checkpointSchema });
    try {
      for (let i = 0; i < reordered.length; i += 13) await pushed.handle(reordered.slice(i, i + 13));
      await pushed.handle(reordered.slice(0, 40)); // redelivered after a crash before the offset commit
      const fromKafka = createChangesReadModels({
        db: database.db,
        schema,
        checkpointSchema,
        sources: { catalog: new SqlChangeCatalog(database.db, schema), majorIncidents: new SqlChangeIncidents(database.db, schema), causedIncidents: new SqlChangeIncidents(database.db, schema) },
      });
      const range = { from: new Date(at(1, '00:00')), to: new Date(at(31, '00:00')), limit: 100 };
      const fromLog = await readModels.schedule.schedule(range);
      expect(fromLog.items.length).toBeGreaterThan(10);
      expect(await fromKafka.schedule.schedule(range)).toEqual(fromLog);
      const changeIds = [...new Set(log.filter((event) => event.type === 'ChangeRaised').map((event) => (event.data as { changeId: string }).changeId))];
      for (const changeId of changeIds) expect(await fromKafka.conflicts.conflictsOf(changeId)).toEqual(await readModels.conflicts.conflictsOf(changeId));
    } finally {
      await pushed.stop();
      await database.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await database.db.query(`DROP SCHEMA IF EXISTS "${checkpointSchema}" CASCADE`);
    }
  }, 60_000);
});
