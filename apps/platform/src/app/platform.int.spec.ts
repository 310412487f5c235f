import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { newId, streamName } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { eventsTopic, fromCloudEventMessage, type IncomingMessage, type MessageBus } from '@itsm/messaging';
import { EVENT_STORE, MESSAGE_BUS } from '@itsm/platform-kit';

// The embedded default: no DATABASE_URL, no EVENTSTORE_URL, PGlite in a fresh data folder.
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-platform-'));
process.env.ITSM_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';

/** Polls until `read` yields a value (the relay and projections work in the background). */
const waitFor = async <T>(read: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the background work');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

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

  it('relays an appended event to the in-process bus as a CloudEvent and projects it', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const bus = app.get<MessageBus>(MESSAGE_BUS);
    const received: IncomingMessage[] = [];
    const subscription = await bus.subscribe({
      groupId: `platform-spec-${newId()}`,
      topics: [eventsTopic('incidents')],
      handler: async (message) => {
        received.push(message);
      },
    });
    const streamId = streamName('incident');
    const appended = await store.appendToStream(
      streamId,
      [{ type: 'IncidentOpened', data: { shortDescription: 'VPN down' }, metadata: { actor: { id: 'alice' }, correlationId: newId() } }],
      { expectedRevision: 'no-stream' },
    );

    const delivered = await waitFor(() => received.find((message) => message.key === streamId));
    await subscription.stop();
    expect(delivered.headers['ce_type']).toBe('itsm.incidents.IncidentOpened.v1');
    expect(fromCloudEventMessage(delivered)).toEqual(appended.events[0]);

    const projected = await waitFor(async () => {
      const statuses = (await (await fetch(`${baseUrl}/admin/projections`)).json()) as { name: string; position: number }[];
      return statuses.find((status) => status.name === 'stream_heads' && status.position >= appended.lastGlobalPosition);
    });
    expect(projected.name).toBe('stream_heads');
  });

  it('keeps the embedded database in the configured data folder', () => {
    expect(readdirSync(join(dataDir, 'pglite')).length).toBeGreaterThan(0);
  });
});
