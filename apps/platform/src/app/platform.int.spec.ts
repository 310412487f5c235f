import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';

// The embedded default: no DATABASE_URL, no EVENTSTORE_URL, PGlite in a fresh data folder.
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-platform-'));
process.env.ITSM_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
process.env.LOG_LEVEL = 'silent';

describe('embedded platform process', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const { createPlatformApp } = await import('./bootstrap');
    app = await createPlatformApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports itself live', async () => {
    const response = await fetch(`${baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('reports ready once the embedded event store answers', async () => {
    const response = await fetch(`${baseUrl}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' } } });
  });

  it('keeps the embedded database in the configured data folder', () => {
    expect(readdirSync(join(dataDir, 'pglite')).length).toBeGreaterThan(0);
  });
});
