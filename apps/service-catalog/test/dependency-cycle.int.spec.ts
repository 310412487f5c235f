import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgExecutor, createPostgresEventStore } from '@itsm/event-store';
import { RegisterServiceHandler, ServiceStreams, SqlServiceNumberAllocator, systemClock } from '@itsm/catalog-application';
import { APP_START_LIMIT_MS, createTestDatabase, startScriptProcess, writePipelineOn, type AppProcess, type TestDatabase } from '@itsm/platform-kit';

const WORKER = 'apps/service-catalog/test/cycle/add-dependency-worker.ts';
const TSCONFIG = 'apps/service-catalog/tsconfig.spec.json';
const metadata = { actor: { id: 'cycle-spec', role: 'service-owner', via: 'api' as const }, correlationId: 'cycle-spec' };

/**
 * The rule across aggregates with replicas: two catalog processes on one database, each asked at the same moment
 * to add one half of a cycle (A → B in one, B → A in the other), each lingering after it reads the graph. The
 * check and the append run inside a section every process on the database shares, so exactly one wins.
 */
describe('the dependency-cycle check across two catalog processes on one database', () => {
  jest.setTimeout(10 * 60_000);
  let database: TestDatabase;
  const folder = mkdtempSync(join(tmpdir(), 'itsm-cycle-'));
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('itsm_cycle');
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const registerTwoServices = async (): Promise<[string, string]> => {
    const store = await createPostgresEventStore({ connectionString: database.url });
    const db = createPgExecutor({ connectionString: database.url, max: 2 });
    try {
      const register = new RegisterServiceHandler(new ServiceStreams(writePipelineOn(store), systemClock), new SqlServiceNumberAllocator(db));
      const details = { kind: 'technical', description: 'spec', ownerGroup: 'platform', supportGroup: 'ops' } as const;
      const a = await register.execute({ name: 'A', ...details }, metadata);
      const b = await register.execute({ name: 'B', ...details }, metadata);
      return [a.id, b.id];
    } finally {
      await store.close();
      await db.close();
    }
  };

  it('lets exactly one of two opposite dependencies through', async () => {
    const [a, b] = await registerTwoServices();
    const goFile = join(folder, 'go');
    const startWorker = (name: string, serviceId: string, dependsOn: string) =>
      startScriptProcess(name, WORKER, TSCONFIG, { DATABASE_URL: database.url, SERVICE_ID: serviceId, DEPENDS_ON: dependsOn, GO_FILE: goFile, PAUSE_MS: '1500' });
    workers.push(startWorker('catalog-1', a, b), startWorker('catalog-2', b, a));
    await Promise.all(workers.map((worker) => worker.waitFor('ready', APP_START_LIMIT_MS)));

    writeFileSync(goFile, '');
    const outcomes = await Promise.all(workers.map((worker) => worker.waitFor('outcome', 60_000)));

    expect(outcomes.map((record) => record['outcome']).sort()).toEqual(['added', 'refused']);
    expect(outcomes.find((record) => record['outcome'] === 'refused')?.['detail']).toMatch(/would create a cycle/);
    const added = await database.query<{ service_id: string; depends_on: string }>(
      `SELECT data->>'serviceId' AS service_id, data->>'dependsOnServiceId' AS depends_on FROM event_store.events WHERE type = 'ServiceDependencyAdded'`,
    );
    expect(added).toHaveLength(1);
  });
});
