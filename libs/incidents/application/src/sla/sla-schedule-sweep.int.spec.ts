import { incidentStreamId } from '@itsm/contracts';
import { openIncidentsTestKit, requestMetadata, type IncidentsTestKit } from '../testing/incidents-test-kit';

const OPENED_AT = '2026-03-02T10:00:00.000Z';

describe.each(['pglite', 'postgres'] as const)('start-up SLA schedule sweep on %s', (backing) => {
  let kit: IncidentsTestKit;
  let serviceId: string;
  beforeAll(async () => {
    kit = await openIncidentsTestKit(backing, OPENED_AT);
    ({ serviceId } = await kit.publishService());
  });
  afterAll(() => kit.close());
  beforeEach(() => kit.clock.set(OPENED_AT));

  const openIncident = async () =>
    (
      await kit.commands.open(
        { callerId: 'caller-1', shortDescription: 'Mail down', description: 'd', serviceId, impact: 1, urgency: 1 },
        requestMetadata,
      )
    ).id;

  /** The crash between the append and the timer rows' transaction: the incident is in the log, its schedule is not. */
  const loseSchedule = async (id: string) => {
    await kit.db.query(`DELETE FROM ${kit.timers.timers} WHERE incident_id = $1`, [id]);
    await kit.db.query(`DELETE FROM ${kit.timers.schedules} WHERE incident_id = $1`, [id]);
  };

  const warnings = async (id: string) =>
    (await kit.store.readStream(incidentStreamId(id))).filter((event) => event.type === 'SlaWarningReached');

  it('restores lost timer rows from the log, and the scheduler then fires the warning once', async () => {
    const id = await openIncident();
    const before = await kit.timers.rowsOf(id);
    expect(before.length).toBeGreaterThan(0);
    await loseSchedule(id);
    expect(await kit.timers.rowsOf(id)).toEqual([]);

    const scheduler = kit.scheduler();
    expect((await scheduler.sweep()).rescheduled).toBe(1);
    expect(await kit.timers.rowsOf(id)).toEqual(before);

    kit.clock.set('2026-03-02T10:08:00.000Z');
    await scheduler.runOnce();
    await scheduler.runOnce();
    const fired = await warnings(id);
    expect(fired.map((event) => event.data)).toEqual([expect.objectContaining({ kind: 'response', threshold: 50 })]);
  });

  it('reschedules an incident whose schedule is older than its stream', async () => {
    const id = await openIncident();
    await kit.commands.assign(id, { group: 'ops', agent: 'agent-1' }, requestMetadata);
    // As if the assign's rows were never written: the schedule still says revision 0.
    await kit.db.query(`UPDATE ${kit.timers.schedules} SET revision = 0 WHERE incident_id = $1`, [id]);
    await kit.db.query(`DELETE FROM ${kit.timers.timers} WHERE incident_id = $1`, [id]);
    expect((await kit.scheduler().sweep()).rescheduled).toBe(1);
    expect((await kit.timers.rowsOf(id)).length).toBeGreaterThan(0);
  });

  it('is idempotent: a second sweep, or two at once, change nothing', async () => {
    const id = await openIncident();
    await loseSchedule(id);
    await Promise.all([kit.scheduler().sweep(), kit.scheduler().sweep()]);
    const rows = await kit.timers.rowsOf(id);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => `${row.kind}/${row.threshold}`)).size).toBe(rows.length);
    expect(await kit.scheduler().sweep()).toEqual({ scanned: 0, rescheduled: 0 });
    expect(await kit.timers.rowsOf(id)).toEqual(rows);
  });

  it('runs on start(): the first poll after a restart fires the restored warning', async () => {
    const id = await openIncident();
    await loseSchedule(id);
    kit.clock.set('2026-03-02T10:08:00.000Z');
    const scheduler = kit.scheduler();
    scheduler.start();
    await scheduler.stop();
    await scheduler.runOnce();
    expect(await warnings(id)).toHaveLength(1);
  });
});
