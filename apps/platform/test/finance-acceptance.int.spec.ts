import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { runFinanceAcceptanceScenario } from '@itsm/finance-api/testing';
import { INCIDENTS_CLOCK } from '@itsm/incidents-api';
import { ManualClock, SLA_DUE_TIMERS, SlaScheduler } from '@itsm/incidents-application';
import type { ProjectionRuntime } from '@itsm/projections';
import { PROJECTION_RUNTIME, signAccessToken, type Role } from '@itsm/platform-kit';

/*
 * Issue 11's acceptance scenario on the embedded process (PlatformModule, as `npm start` runs it, with only the
 * incidents' clock overridden, as platform-sla-scenario.int.spec.ts does), through HTTP only: a 1,000-line ledger in
 * EUR and USD, three cost centers on a pool shared by percentage (the left-over cent by the documented tie-break) and
 * a service shared by usage units, a budget threshold crossed once, a P1 breach credited on the right statement with
 * its incident number and breach event id, the period run, published, closed and replayed to the same hashes, and a
 * correction in the next period. The steps are @itsm/finance-api/testing's `runFinanceAcceptanceScenario`.
 */

// The embedded default, as platform.int.spec.ts: PGlite in a fresh data folder, the in-process bus, no rate limit.
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-platform-finance-'));
process.env.ITSM_DATA_DIR = dataDir;
process.env.ITSM_EMBEDDED_ENGINE = 'pglite';
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';
process.env.ITSM_RATE_LIMIT = '0';
process.env.ITSM_FINANCE_REPORTING_CURRENCY = 'EUR';
const jwtSecret = 'platform-finance-acceptance-secret-of-32-chars';
process.env.ITSM_JWT_SECRET = jwtSecret;

describe('IT finance acceptance on the embedded platform, through HTTP only', () => {
  jest.setTimeout(5 * 60_000);
  const clock = new ManualClock(new Date('2026-03-10T08:00:00.000Z'));
  let app: INestApplication;
  let baseUrl: string;
  let scheduler: SlaScheduler;

  beforeAll(async () => {
    // The settings are read when the platform module loads, so it is imported after they are set.
    const { PlatformModule } = await import('../src/app/platform.module');
    const { configurePlatformApp, PLATFORM_APP_OPTIONS } = await import('../src/app/bootstrap');
    const platform = await Test.createTestingModule({ imports: [PlatformModule] }).overrideProvider(INCIDENTS_CLOCK).useValue(clock).compile();
    app = configurePlatformApp(platform.createNestApplication(PLATFORM_APP_OPTIONS));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    scheduler = app.get(SlaScheduler);
    // The platform polls its timers every second; here each poll runs by hand, at the instant the scenario just set.
    await scheduler.stop();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports, allocates to the cent, credits the P1 breach, closes, replays to the same hashes and corrects in the next period', async () => {
    const outcome = await runFinanceAcceptanceScenario({
      baseUrl,
      headersFor: async (roles: Role[], sub: string) => ({
        authorization: `Bearer ${await signAccessToken({ sub, name: sub, roles }, { secret: new TextEncoder().encode(jwtSecret) })}`,
      }),
      sla: {
        setTime: (instant) => clock.set(instant),
        // As the platform runs them: the due-timers projection has followed the log, then the scheduler polls.
        runTimers: async () => {
          await app.get<ProjectionRuntime>(PROJECTION_RUNTIME).catchUp(SLA_DUE_TIMERS);
          return scheduler.runOnce();
        },
      },
      propagationMs: 20_000,
      progress: (step) => process.stdout.write(`finance acceptance (embedded): ${step}\n`),
    });
    expect(outcome.incident.number).toMatch(/^INC\d{7}$/);
  });
});
