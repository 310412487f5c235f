import type { IncidentStateName, Priority } from '@itsm/contracts';
import { incidentStreamId } from '@itsm/contracts';
import { newId, waitUntil, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { InvalidCursor, ProjectionRuntime, ReadModelBehind } from '@itsm/projections';
import { createIncidentReadModels, incidentListTablesIn, incidentProjections, type IncidentReadModels } from './incidents-read-models';
import { IncidentListQueries, incidentListStatement, type IncidentListFilter } from './list/incident-list.queries';
import { DEFAULT_SEARCH_TUNING, type SearchTuning } from './list/incident-list-search';
import type { IncidentListItem } from './list/incident-list.view';
import { assigned, incidentEvent, opened } from './testing/incident-event-builders';
import { readModelTestDatabases, type ReadModelTestDatabase } from './testing/read-model-test-database';

/** What the spec expects the list to show of each seeded incident. */
interface Expected {
  id: string;
  openedAt: string;
  state: IncidentStateName;
  priority: Priority;
  serviceId: string;
  assignmentGroup: string | null;
  assignee: string | null;
  callerId: string;
  breached: boolean;
  major: boolean;
  shortDescription: string;
  number: string;
  description: string;
}

const SERVICES = [newId(), newId(), newId()];
const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];
const CALLERS = ['caller-carol', 'caller-dave', 'caller-erin', 'caller-frank'];
const AGENTS = ['agent-alice', 'agent-bob', 'agent-cleo'];
const DESCRIPTIONS = ['Email not syncing on phone', 'VPN connection drops', 'Disk full on server DB-7', 'Printer jammed in Building 4'];
const AFFECTED = ['payroll', 'warehouse', 'helpdesk'];
const BASE = Date.parse('2026-03-02T08:00:00.000Z');
const SEEDED = 64;

/** Incident i of the seed: attributes vary with i so that every filter selects a different subset. */
const seedIncident = (i: number): { expected: Expected; events: NewEvent[] } => {
  // Three incidents per minute: equal opened times, ordered by id.
  const openedAt = new Date(BASE + Math.floor(i / 3) * 60_000).toISOString();
  const at = (minutes: number) => new Date(BASE + Math.floor(i / 3) * 60_000 + minutes * 1000).toISOString();
  const data = opened({
    sequence: i + 1,
    openedAt,
    priority: PRIORITIES[i % 5],
    serviceId: SERVICES[i % 3],
    callerId: CALLERS[i % 4],
    shortDescription: DESCRIPTIONS[i % 4],
    description: `Affects the ${AFFECTED[i % 3]} team since this morning`,
  });
  const { incidentId } = data;
  const events: NewEvent[] = [incidentEvent('IncidentOpened', data, data.callerId)];
  const expected: Expected = {
    id: incidentId,
    openedAt,
    state: 'new',
    priority: data.priority,
    serviceId: data.serviceId,
    assignmentGroup: null,
    assignee: null,
    callerId: data.callerId,
    breached: false,
    major: false,
    shortDescription: data.shortDescription,
    number: data.number,
    description: data.description,
  };
  const group = i % 2 === 0 ? 'network' : i % 3 === 0 ? 'database' : null;
  if (group !== null) {
    const agent = AGENTS[i % 3] ?? null;
    events.push(incidentEvent('IncidentAssigned', assigned(incidentId, group, agent, { group: null, agent: null, state: 'new' }, at(1))));
    Object.assign(expected, { state: 'assigned', assignmentGroup: group, assignee: agent });
    if (i % 4 === 0) {
      events.push(incidentEvent('IncidentWorkStarted', { incidentId, agent, state: 'in-progress', startedAt: at(2) }));
      expected.state = 'in-progress';
    }
  }
  if (i % 6 === 0) {
    events.push(incidentEvent('SlaBreached', { incidentId, kind: 'response', dueAt: at(3), breachedAt: at(3) }, 'system-sla'));
    expected.breached = true;
  }
  if (i % 5 === 0) {
    events.push(incidentEvent('MajorIncidentProposed', { incidentId, justification: 'many users', proposedBy: 'agent-alice', proposedAt: at(4) }));
    if (i % 10 === 0) {
      events.push(incidentEvent('MajorIncidentAccepted', { incidentId, acceptedBy: 'manager-mia', acceptedAt: at(5) }, 'manager-mia'));
      expected.major = true;
    }
  }
  return { expected, events };
};

const newestFirst = (a: Expected, b: Expected): number =>
  a.openedAt === b.openedAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.openedAt < b.openedAt ? 1 : -1;

describe.each(readModelTestDatabases)('incident read models on %s', (_label, openDatabase) => {
  let database: ReadModelTestDatabase;
  let runtime: ProjectionRuntime;
  let readModels: IncidentReadModels;
  const seeded: Expected[] = [];

  const append = async (incidentId: string, events: NewEvent[]) => (await database.store.appendToStream(incidentStreamId(incidentId), events, { expectedRevision: 'any' })).lastGlobalPosition;

  const caughtUp = (position: number) =>
    waitUntil(
      `incident_list to reach position ${position}`,
      async () => {
        const [status] = await runtime.status();
        if (status !== undefined && status.position >= position) return true;
        if (status?.lastError) throw new Error(status.lastError);
        return false;
      },
      20_000,
    );

  /** Every page of a filtered list, checking that each page holds at most `limit` items. */
  const allPages = async (filter: IncidentListFilter, limit: number): Promise<IncidentListItem[]> => {
    const items: IncidentListItem[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await readModels.list.list({ ...filter, limit, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      if (page.nextCursor === null) return items;
      cursor = page.nextCursor;
    }
    throw new Error('pagination did not end');
  };

  beforeAll(async () => {
    database = await openDatabase();
    const { store, db, schema, checkpointSchema } = database;
    let head = -1;
    for (let i = 0; i < SEEDED; i += 1) {
      const { expected, events } = seedIncident(i);
      seeded.push(expected);
      head = await append(expected.id, events);
    }
    // Catch-up (batched applies) for the seed; the cases below add events that are applied live, one by one.
    runtime = await ProjectionRuntime.create({ db, source: store, projections: incidentProjections, schema, checkpointSchema, batchSize: 50 });
    await runtime.start();
    readModels = createIncidentReadModels({ db, schema, checkpointSchema });
    await caughtUp(head);
  }, 60_000);

  afterAll(async () => {
    await runtime.stop();
    await database.dispose();
  });

  const cases: [string, IncidentListFilter, (incident: Expected) => boolean][] = [
    ['no filter', {}, () => true],
    ['state', { state: 'assigned' }, (x) => x.state === 'assigned'],
    ['priority', { priority: 'P2' }, (x) => x.priority === 'P2'],
    ['service', { serviceId: SERVICES[1] }, (x) => x.serviceId === SERVICES[1]],
    ['assignment group', { assignmentGroup: 'network' }, (x) => x.assignmentGroup === 'network'],
    ['assignment group and state', { assignmentGroup: 'network', state: 'in-progress' }, (x) => x.assignmentGroup === 'network' && x.state === 'in-progress'],
    ['assignee', { assignee: 'agent-bob' }, (x) => x.assignee === 'agent-bob'],
    ['caller (requester sees their own)', { callerId: 'caller-dave' }, (x) => x.callerId === 'caller-dave'],
    ['breached', { breached: true }, (x) => x.breached],
    ['not breached', { breached: false }, (x) => !x.breached],
    ['major', { major: true }, (x) => x.major],
    ['text', { q: 'disk' }, (x) => x.shortDescription.startsWith('Disk')],
    ['text, several word prefixes, any case', { q: 'PRINT build' }, (x) => x.shortDescription.startsWith('Printer')],
    ['text and filters', { q: 'vpn', priority: 'P4' }, (x) => x.shortDescription.startsWith('VPN') && x.priority === 'P4'],
    ['text inside a word (mail in Email)', { q: 'MAIL' }, (x) => x.shortDescription.startsWith('Email')],
    ['text in the description', { q: 'house' }, (x) => x.description.includes('warehouse')],
    ['text across both fields', { q: 'disk payroll' }, (x) => x.shortDescription.startsWith('Disk') && x.description.includes('payroll')],
    ['the incident number', { q: 'INC0000007' }, (x) => x.number === 'INC0000007'],
    ['the number without its prefix and zeros', { q: '17' }, (x) => x.number === 'INC0000017'],
  ];

  it.each(cases)('filters by %s, newest first, every match exactly once across pages', async (_name, filter, matches) => {
    const expected = seeded.filter(matches).sort(newestFirst);
    expect(expected.length).toBeGreaterThan(0);
    const listed = await allPages(filter, 5);
    expect(listed.map((item) => item.id)).toEqual(expected.map((incident) => incident.id));
    for (const item of listed) {
      const { major, number, description, ...want } = expected.find((incident) => incident.id === item.id) ?? seeded[0];
      expect(item).toMatchObject(want);
      expect(item.majorStatus === 'accepted').toBe(major);
      expect(item.number).toBe(number);
      expect(description).toContain('team');
    }
  });

  describe('text search plans (small windows walk every plan on this table)', () => {
    const plans: [string, SearchTuning][] = [
      ['windows only (common text)', { windows: [4, 1000], rareMatches: [-1, -1] }],
      ['matches from the GIN index (rare text)', { windows: [4, 8], rareMatches: [1e9, 1e9] }],
      ['a filter index walked, terms checked (rare filters)', { windows: [2, 2], rareMatches: [-1, -1] }],
      ['the default tuning', DEFAULT_SEARCH_TUNING],
    ];
    const textCases = cases.filter(([, filter]) => filter.q !== undefined);

    it.each(plans)('gives every match once, newest first, across pages: %s', async (_plan, tuning) => {
      const queries = new IncidentListQueries(database.db, incidentListTablesIn(database.schema), tuning);
      for (const [, filter, matches] of textCases) {
        const expected = seeded.filter(matches).sort(newestFirst).map((incident) => incident.id);
        const listed: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 100; pages += 1) {
          const page = await queries.list({ ...filter, limit: 3, ...(cursor === undefined ? {} : { cursor }) });
          listed.push(...page.items.map((item) => item.id));
          if (page.nextCursor === null) break;
          cursor = page.nextCursor;
        }
        expect([filter.q, listed]).toEqual([filter.q, expected]);
      }
    });
  });

  it('keeps pages stable while newer incidents are opened (keyset, not offset)', async () => {
    const first = await readModels.list.list({ limit: 10 });
    const data = opened({ sequence: 900, openedAt: '2026-03-03T12:00:00.000Z' });
    await caughtUp(await append(data.incidentId, [incidentEvent('IncidentOpened', data)]));
    const second = await readModels.list.list({ limit: 10, cursor: first.nextCursor ?? '' });
    const ordered = [...seeded].sort(newestFirst).map((incident) => incident.id);
    expect(second.items.map((item) => item.id)).toEqual(ordered.slice(10, 20));
    expect((await readModels.list.list({ limit: 1 })).items[0]?.id).toBe(data.incidentId);
  });

  it.each(cases)('answers the %s filter from an index (in list order unless it searches text)', async (_name, filter) => {
    const searchesText = filter.q !== undefined;
    // A later page (keyset condition included), except for text: the GIN index serves a search whatever the page.
    const page = await readModels.list.list({ ...filter, limit: 2 });
    const cursor = searchesText || page.nextCursor === null ? {} : { cursor: page.nextCursor };
    const { sql, params } = incidentListStatement({ ...filter, limit: 20, ...cursor }, incidentListTablesIn(database.schema));
    // A few dozen rows would be read whole; with the scans that ignore order off, the plan shows whether an index
    // serves the filter in list order (then no Sort node), as it must at a million rows.
    const plan = await database.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      if (!searchesText) await tx.query('SET LOCAL enable_bitmapscan = off');
      return (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((row) => row['QUERY PLAN']).join('\n');
    });
    if (!searchesText) expect(plan).toMatch(/Index Scan using/);
    if (!searchesText) expect(plan).not.toMatch(/Sort/);
    if (Object.keys(filter).join() === 'q') expect(plan).toMatch(/Index Scan[^\n]* incident_search/);
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(readModels.list.list({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(readModels.list.list({ cursor: Buffer.from('2026-01-01|x').toString('base64url') })).rejects.toBeInstanceOf(InvalidCursor);
  });

  it('records field-level history and the breached flag from a lifecycle of events', async () => {
    const data = opened({ sequence: 1000, openedAt: '2026-03-04T09:00:00.000Z', impact: 2, urgency: 2, priority: 'P3', callerId: 'caller-carol' });
    const { incidentId } = data;
    await append(incidentId, [incidentEvent('IncidentOpened', data, 'caller-carol')]);
    const onHold = await append(incidentId, [
      incidentEvent('IncidentAssigned', assigned(incidentId, 'network', null, { group: null, agent: null, state: 'new' }, '2026-03-04T09:05:00.000Z'), 'dispatcher-dan'),
      incidentEvent('IncidentAssigned', assigned(incidentId, 'network', 'agent-alice', { group: 'network', agent: null, state: 'assigned' }, '2026-03-04T09:06:00.000Z'), 'agent-alice'),
      incidentEvent('IncidentWorkStarted', { incidentId, agent: 'agent-alice', state: 'in-progress', startedAt: '2026-03-04T09:10:00.000Z' }),
      incidentEvent('IncidentPriorityChanged', { incidentId, impact: 1, urgency: 2, previousImpact: 2, previousUrgency: 2, from: 'P3', to: 'P2', changedAt: '2026-03-04T09:20:00.000Z' }),
      incidentEvent('IncidentWorkLogged', { incidentId, entryId: newId(), entry: 'rebooted switch', minutesSpent: 15, loggedBy: 'agent-alice', loggedAt: '2026-03-04T09:30:00.000Z' }),
      incidentEvent('IncidentPutOnHold', { incidentId, reason: 'awaiting-vendor', previousState: 'in-progress', state: 'on-hold', heldAt: '2026-03-04T10:00:00.000Z' }),
      incidentEvent('IncidentResumed', { incidentId, holdReason: 'awaiting-vendor', state: 'in-progress', resumedAt: '2026-03-04T11:00:00.000Z' }),
    ]);
    await caughtUp(onHold);
    expect((await readModels.list.get(incidentId))?.breached).toBe(false);
    const resolvedAt = await append(incidentId, [
      incidentEvent('SlaBreached', { incidentId, kind: 'resolution', dueAt: '2026-03-04T17:00:00.000Z', breachedAt: '2026-03-04T17:00:00.000Z' }, 'system-sla'),
      incidentEvent('SlaBreached', { incidentId, kind: 'response', dueAt: '2026-03-04T17:00:00.000Z', breachedAt: '2026-03-04T17:00:00.000Z' }, 'system-sla'),
      incidentEvent('IncidentResolved', { incidentId, code: 'solved-permanently', notes: 'vendor patch', previousState: 'in-progress', state: 'resolved', childIncidentIds: [], resolvedWithParentIncidentId: null, resolvedAt: '2026-03-04T18:00:00.000Z' }),
    ]);
    await caughtUp(resolvedAt);
    const resolved = await readModels.list.get(incidentId);
    expect(resolved).toMatchObject({ state: 'resolved', breached: true, resolvedAt: '2026-03-04T18:00:00.000Z', priority: 'P2', assignee: 'agent-alice' });
    const position = await append(incidentId, [
      incidentEvent('IncidentReopened', { incidentId, reason: 'still broken', reopenCount: 1, state: 'in-progress', reopenedAt: '2026-03-05T08:00:00.000Z' }, 'caller-carol'),
    ]);
    await caughtUp(position);

    expect(await readModels.list.get(incidentId)).toMatchObject({
      id: incidentId,
      number: 'INC0001000',
      state: 'in-progress',
      breached: true,
      resolvedAt: null,
      openedAt: '2026-03-04T09:00:00.000Z',
      updatedAt: '2026-03-05T08:00:00.000Z',
      revision: 11,
    });
    const history = await readModels.history.historyOf(incidentId);
    expect(history.map(({ revision: at, actor, field, oldValue, newValue, eventType }) => [at, actor, field, oldValue, newValue, eventType])).toEqual([
      [0, 'caller-carol', 'state', null, 'new', 'IncidentOpened'],
      [0, 'caller-carol', 'priority', null, 'P3', 'IncidentOpened'],
      [0, 'caller-carol', 'impact', null, '2', 'IncidentOpened'],
      [0, 'caller-carol', 'urgency', null, '2', 'IncidentOpened'],
      [1, 'dispatcher-dan', 'state', 'new', 'assigned', 'IncidentAssigned'],
      [1, 'dispatcher-dan', 'assignmentGroup', null, 'network', 'IncidentAssigned'],
      [2, 'agent-alice', 'assignee', null, 'agent-alice', 'IncidentAssigned'],
      [3, 'agent-alice', 'state', 'assigned', 'in-progress', 'IncidentWorkStarted'],
      [4, 'agent-alice', 'priority', 'P3', 'P2', 'IncidentPriorityChanged'],
      [4, 'agent-alice', 'impact', '2', '1', 'IncidentPriorityChanged'],
      [6, 'agent-alice', 'state', 'in-progress', 'on-hold', 'IncidentPutOnHold'],
      [6, 'agent-alice', 'holdReason', null, 'awaiting-vendor', 'IncidentPutOnHold'],
      [7, 'agent-alice', 'state', 'on-hold', 'in-progress', 'IncidentResumed'],
      [7, 'agent-alice', 'holdReason', 'awaiting-vendor', null, 'IncidentResumed'],
      [8, 'system-sla', 'breached', 'false', 'true', 'SlaBreached'],
      [10, 'agent-alice', 'state', 'in-progress', 'resolved', 'IncidentResolved'],
      [10, 'agent-alice', 'resolutionCode', null, 'solved-permanently', 'IncidentResolved'],
      [10, 'agent-alice', 'resolutionNotes', null, 'vendor patch', 'IncidentResolved'],
      // Appended after the resolution was projected: the notes' old value comes from the stored history.
      [11, 'caller-carol', 'state', 'resolved', 'in-progress', 'IncidentReopened'],
      [11, 'caller-carol', 'resolutionCode', 'solved-permanently', null, 'IncidentReopened'],
      [11, 'caller-carol', 'resolutionNotes', 'vendor patch', null, 'IncidentReopened'],
    ]);
    expect(history[4]?.at).toBe('2026-03-04T09:05:00.000Z');
    expect(await readModels.history.historyOf(newId())).toEqual([]);
    const asOfResolution = await readModels.history.historyOf(incidentId, { upToRevision: 10 });
    expect(asOfResolution.map(({ field, newValue }) => [field, newValue]).slice(-3)).toEqual([
      ['state', 'resolved'],
      ['resolutionCode', 'solved-permanently'],
      ['resolutionNotes', 'vendor patch'],
    ]);
  });

  it('gives the same list and history from Kafka (per-stream order, streams interleaved otherwise, redeliveries)', async () => {
    const log: RecordedEvent[] = [];
    for (let position = -1; ; ) {
      const page = await database.store.readAll({ fromPosition: position, maxCount: 1000 });
      log.push(...page.events);
      if (page.events.length < 1000) break;
      position = page.lastPosition;
    }
    // Streams newest first, each in its own order: a different interleaving than the log's, as partitions give.
    const streams = [...new Set(log.map((event) => event.streamId))].reverse();
    const reordered = streams.flatMap((streamId) => log.filter((event) => event.streamId === streamId));
    const schema = `${database.schema}_kafka`;
    const pushed = await ProjectionRuntime.create({ db: database.db, source: database.store, projections: incidentProjections, liveSource: 'pushed', schema, checkpointSchema: `${database.checkpointSchema}_kafka` });
    try {
      for (let i = 0; i < reordered.length; i += 17) await pushed.handle(reordered.slice(i, i + 17));
      await pushed.handle(reordered.slice(0, 30)); // redelivered after a crash before the offset commit
      const fromKafka = createIncidentReadModels({ db: database.db, schema });
      const list = async (models: IncidentReadModels) => (await models.list.list({ limit: 100 })).items;
      const fromLog = await list(readModels);
      expect(await list(fromKafka)).toEqual(fromLog);
      for (const item of fromLog.slice(0, 5)) expect(await fromKafka.history.historyOf(item.id)).toEqual(await readModels.history.historyOf(item.id));
    } finally {
      await pushed.stop();
      await database.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await database.db.query(`DROP SCHEMA IF EXISTS "${database.checkpointSchema}_kafka" CASCADE`);
    }
  }, 60_000);

  it('rebuilds the same list and history from the log', async () => {
    const before = await allPages({}, 100);
    const historyBefore = await readModels.history.historyOf(before[0]?.id ?? '');
    await runtime.rebuild('incident_list').finished;
    expect(await allPages({}, 100)).toEqual(before);
    expect(await readModels.history.historyOf(before[0]?.id ?? '')).toEqual(historyBefore);
  }, 60_000);

  it('waits for a write (read-your-writes): the list and the history include it once the wait resolves', async () => {
    const data = opened({ sequence: 2000, openedAt: '2026-03-06T09:00:00.000Z', shortDescription: 'Waited for' });
    const { incidentId } = data;
    await append(incidentId, [incidentEvent('IncidentOpened', data, 'caller-carol')]);
    const position = await append(incidentId, [
      incidentEvent('IncidentAssigned', assigned(incidentId, 'network', null, { group: null, agent: null, state: 'new' }, '2026-03-06T09:05:00.000Z')),
    ]);

    await readModels.consistency.list(position, { timeoutMs: 20_000 });

    expect(await readModels.list.get(incidentId)).toMatchObject({ state: 'assigned', assignmentGroup: 'network' });
    expect((await readModels.history.historyOf(incidentId)).map(({ field }) => field)).toContain('assignmentGroup');
    expect(await readModels.positions.positionOf('incident_list')).toBeGreaterThanOrEqual(position);
  });

  it('gives up with ReadModelBehind when the projection does not reach the position in time', async () => {
    await expect(readModels.consistency.list(Number.MAX_SAFE_INTEGER, { timeoutMs: 50 })).rejects.toBeInstanceOf(ReadModelBehind);
  });
});
