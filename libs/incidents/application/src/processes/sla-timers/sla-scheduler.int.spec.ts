import { incidentStreamId, type SlaWarningReachedV1 } from '@itsm/contracts';
import { openIncidentsTestKit, requestMetadata, type IncidentsTestKit } from '../../testing/incidents-test-kit';
import { SlaScheduler } from './sla-scheduler';

const OPENED_AT = '2026-03-02T10:00:00.000Z';

const openIncident = (kit: IncidentsTestKit, serviceId: string) =>
  kit.handlers.open.execute({ callerId: 'caller-1', shortDescription: 'Mail down', description: 'd', serviceId, impact: 1, urgency: 1 }, requestMetadata);

const slaAnnouncements = async (kit: IncidentsTestKit, id: string) =>
  (await kit.store.readStream(incidentStreamId(id)))
    .filter((event) => event.type === 'SlaWarningReached' || event.type === 'SlaBreached')
    .map((event) => {
      const data = event.data as Partial<SlaWarningReachedV1> & { kind: string };
      return `${data.kind} ${data.threshold ?? 'breach'}`;
    });

/** A poll as the host runs it: the due-timers projection follows the log, the scheduler polls what it holds. */
const poll = async (kit: IncidentsTestKit, scheduler: SlaScheduler) => {
  await kit.syncCatalog();
  return scheduler.runOnce();
};

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
    await poll(kit, kit.scheduler());
    expect(await slaAnnouncements(kit, id)).toEqual([]);
  });

  it('appends each warning and breach once, at the instant reached, and the announced deadlines leave the due timers', async () => {
    const { id } = await openIncident(kit, serviceId);
    const scheduler = kit.scheduler();
    kit.clock.set('2026-03-02T10:08:00.000Z');
    await poll(kit, scheduler);
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50']);
    kit.clock.set('2026-03-02T10:20:00.000Z');
    await poll(kit, scheduler);
    await poll(kit, scheduler);
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50', 'response 75', 'response breach']);
    const breach = (await kit.store.readStream(incidentStreamId(id))).find((event) => event.type === 'SlaBreached');
    expect(breach?.data).toMatchObject({ breachedAt: '2026-03-02T10:15:00.000Z', dueAt: '2026-03-02T10:15:00.000Z' });
    await kit.syncCatalog();
    const rows = await kit.claims.dueTimersOf(id);
    expect(rows.map((row) => [row.kind, row.threshold])).toEqual([
      ['resolution', 50],
      ['resolution', 75],
      ['resolution', 100],
    ]);
  });

  it('survives a restart: a new scheduler finds the timers in the table', async () => {
    const { id } = await openIncident(kit, serviceId);
    kit.clock.set('2026-03-02T12:00:00.000Z');
    await poll(kit, kit.scheduler());
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50', 'response 75', 'response breach', 'resolution 50']);
  });

  it('does not fire a paused timer, and fires it after the resume at the moved instant', async () => {
    const { id } = await openIncident(kit, serviceId);
    await kit.handlers.assign.execute(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);
    await kit.handlers.start.execute(id, {}, requestMetadata);
    kit.clock.set('2026-03-02T11:00:00.000Z');
    await kit.handlers.hold.execute(id, { reason: 'awaiting-vendor' }, requestMetadata);
    kit.clock.set('2026-03-02T13:00:00.000Z');
    await poll(kit, kit.scheduler());
    expect(await slaAnnouncements(kit, id)).toEqual([]);
    await kit.handlers.resume.execute(id, requestMetadata);
    // 60 min ran before the hold: 50 % (120 min) is reached 60 min after the resume.
    kit.clock.set('2026-03-02T14:00:00.000Z');
    await poll(kit, kit.scheduler());
    const warning = (await kit.store.readStream(incidentStreamId(id))).find((event) => event.type === 'SlaWarningReached');
    expect(warning?.data).toMatchObject({ kind: 'resolution', threshold: 50, reachedAt: '2026-03-02T14:00:00.000Z' });
  });

  it('reports a failing poll to its owner and in its status instead of swallowing it', async () => {
    const failures: string[] = [];
    const broken = new SlaScheduler({
      streams: kit.streams,
      claims: { claimDue: async () => Promise.reject(new Error('database unreachable')) } as never,
      clock: kit.clock,
      pollIntervalMs: 10,
      onFailure: (error) => failures.push((error as Error).message),
    });
    broken.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await broken.stop();
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(broken.status()).toMatchObject({ name: 'sla_scheduler', lastError: 'database unreachable' });
    expect(broken.status().consecutiveFailures).toBe(failures.length);
  });
});

describe('SlaScheduler on the PostgreSQL server: two instances', () => {
  let kit: IncidentsTestKit;
  beforeAll(async () => {
    kit = await openIncidentsTestKit('postgres', OPENED_AT);
  });
  afterAll(() => kit.close());

  it('never hands the same due incident to two concurrent claims', async () => {
    const { serviceId } = await kit.publishService();
    kit.clock.set(OPENED_AT);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await openIncident(kit, serviceId)).id);
    await kit.syncCatalog();
    const due = new Date('2026-03-02T10:14:00.000Z');
    const [a, b] = await Promise.all([kit.claims.claimDue(due, 'a', { limit: 6 }), kit.claims.claimDue(due, 'b', { limit: 6 })]);
    expect([...a, ...b].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
  });

  it('after a scheduler died holding a claim, another takes the incident when the lease ends and appends nothing twice', async () => {
    const { serviceId } = await kit.publishService();
    kit.clock.set(OPENED_AT);
    const { id } = await openIncident(kit, serviceId);
    await kit.syncCatalog();
    const at = new Date('2026-03-02T10:12:00.000Z');
    // A scheduler claims, ticks, and dies before giving the claim back (and before the projection moved on).
    expect(await kit.claims.claimDue(at, 'dead', { leaseMs: 1000 })).toContain(id);
    await kit.streams.tick(id, at, requestMetadata);
    kit.clock.set(at);
    expect(await kit.scheduler().runOnce()).toBe(0);
    kit.clock.set('2026-03-02T10:12:02.000Z');
    expect(await kit.scheduler().runOnce()).toBe(0);
    expect(await slaAnnouncements(kit, id)).toEqual(['response 50', 'response 75']);
  });

  it('appends each warning and breach exactly once when both poll the same due timers at once', async () => {
    const { serviceId } = await kit.publishService();
    kit.clock.set(OPENED_AT);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await openIncident(kit, serviceId)).id);
    const [first, second] = [kit.scheduler(), kit.scheduler()];
    kit.clock.set('2026-03-02T10:12:00.000Z');
    await kit.syncCatalog();
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
    kit.clock.set('2026-03-02T15:00:00.000Z');
    await kit.syncCatalog();
    await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
    await kit.syncCatalog();
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
    await kit.syncCatalog();
    for (const id of ids) expect(await kit.claims.dueTimersOf(id)).toEqual([]);
  });
});
