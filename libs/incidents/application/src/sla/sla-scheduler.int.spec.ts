import { incidentStreamId, type SlaWarningReachedV1 } from '@itsm/contracts';
import { openIncidentsTestKit, requestMetadata, type IncidentsTestKit } from '../testing/incidents-test-kit';

const OPENED_AT = '2026-03-02T10:00:00.000Z';

const openIncident = (kit: IncidentsTestKit, serviceId: string) =>
  kit.commands.open({ callerId: 'caller-1', shortDescription: 'Mail down', description: 'd', serviceId, impact: 1, urgency: 1 }, requestMetadata);

const slaAnnouncements = async (kit: IncidentsTestKit, id: string) =>
  (await kit.store.readStream(incidentStreamId(id)))
    .filter((event) => event.type === 'SlaWarningReached' || event.type === 'SlaBreached')
    .map((event) => {
      const data = event.data as Partial<SlaWarningReachedV1> & { kind: string };
      return `${data.kind} ${data.threshold ?? 'breach'}`;
    });

describe('SlaScheduler on PGlite', () => {
  let kit: IncidentsTestKit;
  let serviceId: string;
  beforeAll(async () => {
    kit = await openIncidentsTestKit('pglite', OPENED_AT);
    ({ serviceId } = await kit.publishService());
  });
  afterAll(() => kit.close());
  beforeEach(() => kit.clock.set(OPENED_AT));

  it('fires nothing before the first deadline', async () => {
    const { id } = await openIncident(kit, serviceId);
    kit.clock.set('2026-03-02T10:07:29.999Z');
    await kit.scheduler().runOnce();
    expect(await slaAnnouncements(kit, id)).toEqual([]);
  });

  it('appends each warning and breach once, at the instant reached, and marks the rows fired', async () => {
    const { id } = await openIncident(kit, serviceId);
    const scheduler = kit.scheduler();
    kit.clock.set('2026-03-02T10:08:00.000Z');
    await scheduler.runOnce();
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50']);
    kit.clock.set('2026-03-02T10:20:00.000Z');
    await scheduler.runOnce();
    await scheduler.runOnce();
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50', 'response 75', 'response breach']);
    const breach = (await kit.store.readStream(incidentStreamId(id))).find((event) => event.type === 'SlaBreached');
    expect(breach?.data).toMatchObject({ breachedAt: '2026-03-02T10:15:00.000Z', dueAt: '2026-03-02T10:15:00.000Z' });
    const rows = await kit.timers.rowsOf(id);
    expect(rows.filter((row) => row.kind === 'response').every((row) => row.fired_at !== null)).toBe(true);
    expect(rows.filter((row) => row.kind === 'resolution').every((row) => row.fired_at === null)).toBe(true);
  });

  it('survives a restart: a new scheduler finds the timers in the table', async () => {
    const { id } = await openIncident(kit, serviceId);
    kit.clock.set('2026-03-02T12:00:00.000Z');
    await kit.scheduler().runOnce();
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50', 'response 75', 'response breach', 'resolution 50']);
  });

  it('does not fire a paused timer, and fires it after the resume at the moved instant', async () => {
    const { id } = await openIncident(kit, serviceId);
    await kit.commands.assign(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);
    await kit.commands.start(id, {}, requestMetadata);
    kit.clock.set('2026-03-02T11:00:00.000Z');
    await kit.commands.hold(id, { reason: 'awaiting-vendor' }, requestMetadata);
    kit.clock.set('2026-03-02T13:00:00.000Z');
    await kit.scheduler().runOnce();
    expect(await slaAnnouncements(kit, id)).toEqual([]);
    await kit.commands.resume(id, requestMetadata);
    // 60 min ran before the hold: 50 % (120 min) is reached 60 min after the resume.
    kit.clock.set('2026-03-02T14:00:00.000Z');
    await kit.scheduler().runOnce();
    const warning = (await kit.store.readStream(incidentStreamId(id))).find((event) => event.type === 'SlaWarningReached');
    expect(warning?.data).toMatchObject({ kind: 'resolution', threshold: 50, reachedAt: '2026-03-02T14:00:00.000Z' });
  });
});

describe('SlaScheduler on the PostgreSQL server: two instances', () => {
  let kit: IncidentsTestKit;
  beforeAll(async () => {
    kit = await openIncidentsTestKit('postgres', OPENED_AT);
  });
  afterAll(() => kit.close());

  it('never hands the same due row to two concurrent claims', async () => {
    const { serviceId } = await kit.publishService();
    kit.clock.set(OPENED_AT);
    for (let i = 0; i < 5; i++) await openIncident(kit, serviceId);
    const due = new Date('2026-03-02T10:14:00.000Z');
    const [a, b] = await Promise.all([kit.timers.claimDue(due, 'a', { limit: 6 }), kit.timers.claimDue(due, 'b', { limit: 6 })]);
    const key = (row: { incidentId: string; kind: string; threshold: number }) => `${row.incidentId}/${row.kind}/${row.threshold}`;
    expect(a.length + b.length).toBeGreaterThanOrEqual(10);
    expect(new Set([...a, ...b].map(key)).size).toBe(a.length + b.length);
  });

  it('after a scheduler died holding a claim, another takes the rows when the lease ends and appends nothing twice', async () => {
    const { serviceId } = await kit.publishService();
    kit.clock.set(OPENED_AT);
    const { id } = await openIncident(kit, serviceId);
    kit.clock.set('2026-03-02T10:08:00.000Z');
    await kit.scheduler().runOnce();
    // A scheduler claims the row set again (as if it ticked, appended and died before marking them fired).
    await kit.db.query(`UPDATE ${kit.timers.timers} SET fired_at = NULL WHERE incident_id = $1`, [id]);
    await kit.timers.claimDue(new Date('2026-03-02T10:08:00.000Z'), 'dead', { leaseMs: 1000 });
    expect(await kit.scheduler().runOnce()).toBe(0);
    kit.clock.set('2026-03-02T10:08:02.000Z');
    expect(await kit.scheduler().runOnce()).toBe(0);
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50']);
    const rows = await kit.timers.rowsOf(id);
    expect(rows.find((row) => row.kind === 'response' && row.threshold === 50)?.fired_at).not.toBeNull();
  });

  it('appends each warning and breach exactly once when both poll the same due timers at once', async () => {
    const { serviceId } = await kit.publishService();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await openIncident(kit, serviceId)).id);
    const [first, second] = [kit.scheduler(), kit.scheduler()];
    kit.clock.set('2026-03-02T10:12:00.000Z');
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
    kit.clock.set('2026-03-02T15:00:00.000Z');
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
    await Promise.all([first.runOnce(), second.runOnce()]);
    for (const id of ids) {
      expect(await slaAnnouncements(kit, id)).toEqual([
        'response 50',
        'response 75',
        'response breach',
        'resolution 50',
        'resolution 75',
        'resolution breach',
      ]);
    }
    const unfired = await kit.db.query(`SELECT 1 FROM ${kit.timers.timers} WHERE fired_at IS NULL`);
    expect(unfired).toHaveLength(0);
  });
});
