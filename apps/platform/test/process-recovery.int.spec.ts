import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform, waitUntil, type EmbeddedPlatformProcess } from '@itsm/platform-kit';
import { dueTimerCounts, withStoppedPlatform } from './crash/direct-writes';
import { verifyLogOf } from './crash/platform-checks';

const KILLED_CASCADE_CHILDREN = 12;
const DOWN_CASCADE_CHILDREN = 6;
const BURST = 30;
const WRITTEN_WHILE_DOWN = 5;
/** An open incident's two running clocks (response, resolution), each due at 50 %, 75 % and its breach. */
const TIMERS_PER_INCIDENT = 6;

const slaTargets = {
  P1: { responseMinutes: 15, resolutionMinutes: 240 },
  P2: { responseMinutes: 30, resolutionMinutes: 480 },
  P3: { responseMinutes: 60, resolutionMinutes: 1440 },
  P4: { responseMinutes: 240, resolutionMinutes: 2880 },
  P5: { responseMinutes: 480, resolutionMinutes: 5760 },
};

/**
 * The follow-up work of a write is never lost to kill -9: the SLA due timers (a projection of the incident's
 * events) and a resolved parent's cascade to its children (a process manager on a checkpoint) both resume from
 * the log after a restart. Killed once under load right after a parent's resolution, and once more with writes
 * made while no process ran (the deterministic case: appended, nothing followed).
 */
describe('processes converge after kill -9: SLA due timers and a parent’s cascade', () => {
  jest.setTimeout(20 * 60_000);
  let folder: string;
  let dataDir: string;
  let platform: EmbeddedPlatformProcess | undefined;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-recovery-'));
    // The embedded server's own account must reach the data directory when the spec runs as root.
    chmodSync(folder, 0o755);
    dataDir = join(folder, 'data');
  });
  afterAll(async () => {
    await platform?.process.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const running = (): EmbeddedPlatformProcess => {
    if (!platform) throw new Error('the platform is not running');
    return platform;
  };

  const postAnswer = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const answer = await running().call(path, { method: 'POST', body, headers });
    if (![200, 201].includes(answer.status)) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const post = async (path: string, body: unknown) => (await postAnswer(path, body)).body;

  /** A live service with its default offering's SLA, and the log position of the go-live. */
  const liveServiceWithSla = async (): Promise<{ serviceId: string; liveAt: string }> => {
    const calendar = await post('/api/v1/calendars', {
      name: 'Around the clock',
      timeZone: 'UTC',
      weeklyHours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, from: '00:00', to: '24:00' })),
      holidays: [],
    });
    const service = await post('/api/v1/services', { name: 'Email', kind: 'business', description: 'Mail', ownerGroup: 'messaging', supportGroup: 'ops' });
    await post(`/api/v1/services/${service.id}/offerings`, { name: 'Gold', calendarId: calendar.id, default: true, slaTargets });
    const live = await postAnswer(`/api/v1/services/${service.id}/go-live`, {});
    return { serviceId: service.id, liveAt: live.headers.get('x-log-position') ?? '' };
  };

  const incidentBody = (serviceId: string) => ({ shortDescription: 'Mail down', description: 'No mail', callerId: 'caller', serviceId, impact: 2, urgency: 2 });
  const open = async (serviceId: string): Promise<string> => (await post('/api/v1/incidents', incidentBody(serviceId))).id;
  const working = async (serviceId: string): Promise<string> => {
    const id = await open(serviceId);
    await post(`/api/v1/incidents/${id}/assign`, { group: 'ops', agent: 'agent-1' });
    await post(`/api/v1/incidents/${id}/start`, {});
    return id;
  };
  const parentWithChildren = async (serviceId: string, count: number) => {
    const parent = await working(serviceId);
    const children = await Promise.all(Array.from({ length: count }, () => open(serviceId)));
    for (const child of children) await post(`/api/v1/incidents/${child}/link`, { kind: 'parent', parentIncidentId: parent });
    await waitUntil(`the parent to record its ${count} children`, async () => {
      const answer = await running().call(`/api/v1/incidents/${parent}/children`);
      return answer.body.items?.length === count ? true : undefined;
    }, 120_000);
    return { parent, children };
  };
  const stateOf = async (id: string): Promise<string> => (await running().call(`/api/v1/incidents/${id}`)).body.state;

  it('resumes every timer and every child of a resolved parent after the kill', async () => {
    platform = await startEmbeddedPlatform(dataDir);
    const { serviceId, liveAt } = await liveServiceWithSla();
    // The first open waits for the incidents' copy of the catalog to know the service live with its offering: one
    // opened before then has no SLA (the copy may have applied the registration but not yet the offering).
    const control = (await postAnswer('/api/v1/incidents', incidentBody(serviceId), { 'x-wait-for-position': liveAt })).body.id as string;
    // Limits here are for a hung process, not speed: a loaded 2-core machine projects slowly.
    await waitUntil('the control incident’s due timers', async () => ((await dueTimerCounts(dataDir, [control])).get(control) === TIMERS_PER_INCIDENT ? true : undefined), 120_000);
    const killedCascade = await parentWithChildren(serviceId, KILLED_CASCADE_CHILDREN);
    const downCascade = await parentWithChildren(serviceId, DOWN_CASCADE_CHILDREN);

    // Under load: a burst of opens, then the parent's resolution; SIGKILL as soon as the resolution is acknowledged.
    const acknowledged: string[] = [];
    const burst = Array.from({ length: BURST }, () => open(serviceId).then((id) => void acknowledged.push(id), () => undefined));
    await waitUntil('half the burst to be acknowledged', () => (acknowledged.length >= BURST / 2 ? true : undefined), 120_000, 5);
    await post(`/api/v1/incidents/${killedCascade.parent}/resolve`, { code: 'solved-permanently', notes: 'Root cause fixed' });
    platform.process.child.kill('SIGKILL');
    await platform.process.exited;
    await Promise.all(burst);
    platform = undefined;

    // While nothing runs: writes whose follow-up no process has done (deterministically behind).
    const down = await withStoppedPlatform(dataDir, async (writes) => {
      const resolvedAtKill = (await Promise.all(killedCascade.children.map((child) => writes.stateOf(child)))).filter((state) => state === 'resolved').length;
      const opened: string[] = [];
      for (let index = 0; index < WRITTEN_WHILE_DOWN; index++) opened.push((await writes.open(serviceId)).id);
      const withoutTimers = (await Promise.all(opened.map((id) => writes.dueTimerCount(id)))).filter((count) => count === 0).length;
      await writes.resolve(downCascade.parent);
      const downChildrenResolved = (await Promise.all(downCascade.children.map((child) => writes.stateOf(child)))).filter((state) => state === 'resolved').length;
      return { resolvedAtKill, opened, withoutTimers, downChildrenResolved };
    });
    expect(down.withoutTimers).toBe(WRITTEN_WHILE_DOWN);
    expect(down.downChildrenResolved).toBe(0);

    platform = await startEmbeddedPlatform(dataDir);
    const children = [...killedCascade.children, ...downCascade.children];
    await waitUntil('every child of both resolved parents to be resolved', async () =>
      (await Promise.all(children.map(stateOf))).every((state) => state === 'resolved') ? true : undefined,
    120_000);
    const needingTimers = [...acknowledged, ...down.opened];
    const counts = await waitUntil('every open incident’s due timers', async () => {
      const found = await dueTimerCounts(dataDir, needingTimers);
      return [...found.values()].every((count) => count === TIMERS_PER_INCIDENT) ? found : undefined;
    }, 120_000);
    expect([...counts.values()]).toEqual(needingTimers.map(() => TIMERS_PER_INCIDENT));
    expect(await verifyLogOf(dataDir)).toMatchObject({ ok: true });

    process.stdout.write(
      `\nProcess recovery: killed with ${KILLED_CASCADE_CHILDREN - down.resolvedAtKill}/${KILLED_CASCADE_CHILDREN} children of the resolved parent still open, ` +
        `${acknowledged.length}/${BURST} opens acknowledged in the burst; ${WRITTEN_WHILE_DOWN} opens and a parent's resolution written while down. ` +
        `After restart: ${children.length} children resolved, ${needingTimers.length} incidents with all ${TIMERS_PER_INCIDENT} due timers.\n`,
    );
  });
});
