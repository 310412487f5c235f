import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { newId, streamName, waitUntil } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { EVENT_STORE } from '@itsm/platform-kit';
import type { ProjectionStatus, RebuildProgress } from '@itsm/projections';
import { runRebuildCommand } from '../cli/rebuild.command';
import { openProjector } from './open-projector';

const anEvent = (type: string) => ({ type, data: {}, metadata: { actor: { id: 'user-projector-spec' }, correlationId: newId() } });

describe('projector app (embedded PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-projector-'));
  let app: INestApplication;
  let baseUrl: string;
  let store: EventStore;

  beforeAll(async () => {
    process.env.ITSM_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    delete process.env.EVENTSTORE_URL;
    // The embedded projector follows the log; with KAFKA_BROKERS it would wait for a relay on Kafka instead.
    delete process.env.KAFKA_BROKERS;
    process.env.LOG_LEVEL = 'silent';
    const { createProjectorApp } = await import('./bootstrap');
    app = await createProjectorApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    store = app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const getJson = async <T>(path: string): Promise<T> => (await fetch(`${baseUrl}${path}`)).json() as Promise<T>;

  it('projects appended events live and reports the position', async () => {
    const appended = await store.appendToStream(streamName('incident'), [anEvent('IncidentOpened'), anEvent('IncidentAssigned')], {
      expectedRevision: 'no-stream',
    });

    const [status] = await waitUntil(
      'the stream_heads projection to reach the append',
      async () => {
        const statuses = await getJson<ProjectionStatus[]>('/admin/projections');
        return statuses[0].position >= appended.lastGlobalPosition && statuses;
      },
      20_000,
    );
    expect(status).toMatchObject({ name: 'stream_heads', lastError: null, rebuild: null });
  });

  it('rebuilds over HTTP with progress and refuses unknown projections', async () => {
    const started = await fetch(`${baseUrl}/admin/projections/stream_heads/rebuild`, { method: 'POST' });
    expect(started.status).toBe(202);

    const progress = await waitUntil(
      'the rebuild to finish',
      async () => {
        const snapshot = await getJson<RebuildProgress>('/admin/projections/stream_heads/rebuild');
        return (snapshot.state === 'done' || snapshot.state === 'failed') && snapshot;
      },
      20_000,
    );
    expect(progress).toMatchObject({ state: 'done', error: null });
    expect(progress.done).toBe(progress.total);
    expect(progress.eventsApplied).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${baseUrl}/admin/projections/no_such_projection/rebuild`)).status).toBe(404);
  });

  it('reports ready when the log answers', async () => {
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
  });
});

describe('projector rebuild command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-projector-cli-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('rebuilds a projection of the data folder to the head of the log', async () => {
    const seeding = await openProjector({ ITSM_DATA_DIR: dataDir });
    for (let index = 0; index < 30; index += 1) {
      await seeding.store.appendToStream(streamName('change'), [anEvent('ChangeRequested'), anEvent('ChangeApproved')], {
        expectedRevision: 'no-stream',
      });
    }
    await seeding.close();

    const result = await runRebuildCommand('stream_heads', { ITSM_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

    expect(result).toMatchObject({ state: 'done', done: 60, total: 60, eventsApplied: 60 });
    const reopened = await openProjector({ ITSM_DATA_DIR: dataDir });
    const rows = await reopened.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM read_models.stream_heads`);
    await reopened.close();
    expect(rows[0].count).toBe(30);
    // Opens PGlite three times (seed, rebuild, check): slow on a busy 2-core machine.
  }, 120_000);

  it('refuses to run without a projection name', async () => {
    await expect(runRebuildCommand(undefined, { ITSM_DATA_DIR: dataDir })).rejects.toThrow('Usage: projector rebuild <projection-name>');
  });
});
