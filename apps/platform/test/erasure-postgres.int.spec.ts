import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@itsm/platform-kit';
import { ERASURE_JWT_SECRET, erasureScenario } from './erasure/erasure-scenario';

// The single-host shape: the log, its key table and the read models on the PostgreSQL server of DATABASE_URL (a
// database of its own per run).
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-erasure-postgres-'));
const serverUrl = process.env.DATABASE_URL;
process.env.ITSM_DATA_DIR = dataDir;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';
process.env.ITSM_RATE_LIMIT = '0';
process.env.ITSM_JWT_SECRET = ERASURE_JWT_SECRET;
process.env.ITSM_AUDIT_CHECKPOINT_EVENTS = '5';
process.env.ITSM_AUDIT_CHECKPOINT_SECONDS = '1';

let app: INestApplication;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('erasure');
  process.env.DATABASE_URL = database.url;
  const { createPlatformApp } = await import('../src/app/bootstrap');
  app = await createPlatformApp();
  await app.listen(0, '127.0.0.1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (serverUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = serverUrl;
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

erasureScenario('PostgreSQL server', () => app);
