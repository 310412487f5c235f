import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { incidentStreamId } from '@itsm/contracts';
import type { EventStore } from '@itsm/event-store';
import { INCIDENTS_CLOCK } from '@itsm/incidents-api';
import { SLA_SCENARIO_CALENDAR, SLA_SCENARIO_TARGETS, slaAcceptanceTimeline, slaScenarioTime as at } from '@itsm/incidents-api/testing';
import { ManualClock, SLA_DUE_TIMERS, SlaScheduler } from '@itsm/incidents-application';
import type { ProjectionRuntime } from '@itsm/projections';
import { call, EVENT_STORE, PROJECTION_RUNTIME, signAccessToken, waitUntil, type JsonAnswer, type Role } from '@itsm/platform-kit';

/*
 * The SLA acceptance scenario on the embedded process itself (PlatformModule, as `npm start` runs it, with
 * only the incidents' clock overridden), everything through HTTP: the calendar, the service and its offering come
 * from the catalog API and reach the incidents' copy of the catalog through the log. A P1 opened Friday 6 March 2026
 * 16:30 CET on a Berlin Mon–Fri 09:00–17:00 offering (P1: response 60, resolution 240), work started Monday 09:40,
 * on hold 10:00–11:30, resumed, resolved 14:30: the timeline shared from @itsm/incidents-api/testing, which
 * libs/incidents/api/src/sla-acceptance.int.spec.ts also runs on incidents alone.
 */

// The embedded default, as platform.int.spec.ts: PGlite in a fresh data folder, the in-process bus, no rate limit.
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-platform-sla-'));
process.env.ITSM_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';
process.env.ITSM_RATE_LIMIT = '0';
const jwtSecret = 'platform-sla-spec-secret-of-at-least-32-characters';
process.env.ITSM_JWT_SECRET = jwtSecret;
const tokenFor = (roles: Role[], sub: string) => signAccessToken({ sub, name: sub, roles }, { secret: new TextEncoder().encode(jwtSecret) });

describe('SLA acceptance on the embedded platform: P1 opened Friday 16:30 on a 9–17 Berlin calendar, held Monday 10:00–11:30', () => {
  const clock = new ManualClock(new Date(at('06T16:00')));
  let app: INestApplication;
  let baseUrl: string;
  let scheduler: SlaScheduler;
  let store: EventStore;
  let headers: { serviceOwner: Record<string, string>; agent: Record<string, string>; admin: Record<string, string> };
  let serviceId: string;

  const post = (path: string, body: unknown = {}, as = headers.agent) => call(`${baseUrl}/api/v1${path}`, { method: 'POST', headers: as, body });
  const get = (path: string, as = headers.agent) => call(`${baseUrl}/api/v1${path}`, { headers: as });
  /** The incidents' catalog copy is a projection of the log: opening an incident needs it to have seen `write`. */
  const catalogCopyHasSeen = async (write: JsonAnswer) => {
    const position = Number(write.headers.get('x-log-position'));
    await waitUntil(
      `the incidents' catalog copy to reach log position ${position}`,
      async () => {
        const statuses = (await call(`${baseUrl}/admin/projections`, { headers: headers.admin })).body as { name: string; position: number }[];
        return (statuses.find((status) => status.name === 'incidents_catalog')?.position ?? -1) >= position;
      },
      15_000,
    );
  };

  beforeAll(async () => {
    // The settings are read when the platform module loads, so it is imported after they are set.
    const { PlatformModule } = await import('./platform.module');
    const { configurePlatformApp, PLATFORM_APP_OPTIONS } = await import('./bootstrap');
    const platform = await Test.createTestingModule({ imports: [PlatformModule] }).overrideProvider(INCIDENTS_CLOCK).useValue(clock).compile();
    app = configurePlatformApp(platform.createNestApplication(PLATFORM_APP_OPTIONS));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    scheduler = app.get(SlaScheduler);
    // The platform polls its timers every second; here each poll runs by hand, at the instant the spec just set.
    await scheduler.stop();
    store = app.get<EventStore>(EVENT_STORE);
    const bearer = async (roles: Role[], sub: string) => ({ authorization: `Bearer ${await tokenFor(roles, sub)}` });
    headers = {
      serviceOwner: await bearer(['service-owner'], 'olivia'),
      agent: await bearer(['agent'], 'adam'),
      admin: await bearer(['admin'], 'admin'),
    };
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes the Berlin calendar and a live service whose default offering has the P1–P5 targets through the catalog API', async () => {
    const calendar = await post('/calendars', SLA_SCENARIO_CALENDAR, headers.serviceOwner);
    expect([calendar.status, calendar.body]).toEqual([201, expect.objectContaining(SLA_SCENARIO_CALENDAR)]);
    const service = await post(
      '/services',
      { name: 'Email', kind: 'business', description: 'Corporate mail', ownerGroup: 'messaging', supportGroup: 'service-desk' },
      headers.serviceOwner,
    );
    expect(service.status).toBe(201);
    serviceId = service.body.id;
    const offering = await post(
      `/services/${serviceId}/offerings`,
      { name: 'Gold', calendarId: calendar.body.id, slaTargets: SLA_SCENARIO_TARGETS },
      headers.serviceOwner,
    );
    expect(offering.status).toBe(201);
    const live = await post(`/services/${serviceId}/go-live`, {}, headers.serviceOwner);
    expect([live.status, live.body.lifecycle]).toEqual([200, 'live']);

    // Read-your-writes on the catalog's own view; the incidents' copy is waited for by its projection's position.
    const offerings = await get(`/services/${serviceId}/offerings`, {
      ...headers.serviceOwner,
      'x-wait-for-position': offering.headers.get('x-log-position') ?? '',
    });
    expect(offerings.body.items).toEqual([
      expect.objectContaining({ name: 'Gold', default: true, calendarId: calendar.body.id, slaTargets: SLA_SCENARIO_TARGETS }),
    ]);
    await catalogCopyHasSeen(live);
  });

  slaAcceptanceTimeline(() => ({
    clock,
    serviceId,
    post: (path, body) => post(path, body),
    get: (path) => get(path),
    // As the platform runs them: the due-timers projection has followed the log, then the scheduler polls.
    runTimers: async () => {
      await app.get<ProjectionRuntime>(PROJECTION_RUNTIME).catchUp(SLA_DUE_TIMERS);
      return scheduler.runOnce();
    },
    incidentStream: (id) => store.readStream(incidentStreamId(id)),
  }));
});
