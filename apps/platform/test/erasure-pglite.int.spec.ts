import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ERASURE_JWT_SECRET, erasureScenario } from './erasure/erasure-scenario';

// The embedded shape on PGlite (ITSM_EMBEDDED_ENGINE=pglite): the log, its key table and the read models in process.
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-erasure-pglite-'));
process.env.ITSM_DATA_DIR = dataDir;
process.env.ITSM_EMBEDDED_ENGINE = 'pglite';
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';
process.env.ITSM_RATE_LIMIT = '0';
process.env.ITSM_JWT_SECRET = ERASURE_JWT_SECRET;
process.env.ITSM_AUDIT_CHECKPOINT_EVENTS = '5';
process.env.ITSM_AUDIT_CHECKPOINT_SECONDS = '1';

let app: INestApplication;

beforeAll(async () => {
  const { createPlatformApp } = await import('../src/app/bootstrap');
  app = await createPlatformApp();
  await app.listen(0, '127.0.0.1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

erasureScenario('PGlite', () => app);
