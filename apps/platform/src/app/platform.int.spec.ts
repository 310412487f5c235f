import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { newId, streamName, waitUntil } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { eventsTopic, fromCloudEventMessage, type IncomingMessage, type MessageBus } from '@itsm/messaging';
import { dataDirectoryHolder, EVENT_STORE, MESSAGE_BUS, signAccessToken } from '@itsm/platform-kit';

// The embedded default: no DATABASE_URL, no EVENTSTORE_URL, the embedded PostgreSQL in a fresh data folder.
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-platform-'));
process.env.ITSM_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';
const jwtSecret = 'platform-spec-secret-of-at-least-32-characters';
process.env.ITSM_JWT_SECRET = jwtSecret;
const adminToken = () =>
  signAccessToken({ sub: 'admin', name: 'Admin', roles: ['admin'] }, { secret: new TextEncoder().encode(jwtSecret) });

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
    expect(await response.json()).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' }, messageBus: { status: 'up' } } });
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

    const delivered = await waitUntil('the relay to publish the event', () => received.find((message) => message.key === streamId), 15_000);
    await subscription.stop();
    expect(delivered.headers['ce_type']).toBe('itsm.incidents.IncidentOpened.v1');
    expect(fromCloudEventMessage(delivered)).toEqual(appended.events[0]);

    const projected = await waitUntil('stream_heads to reach the append', async () => {
      const response = await fetch(`${baseUrl}/admin/projections`, { headers: { authorization: `Bearer ${await adminToken()}` } });
      const statuses = (await response.json()) as { name: string; position: number }[];
      return statuses.find((status) => status.name === 'stream_heads' && status.position >= appended.lastGlobalPosition);
    }, 15_000);
    expect(projected.name).toBe('stream_heads');

    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^itsm_relay_published_events\{relay="default"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^itsm_projection_position\{projection="stream_heads"\} [1-9]\d*$/m);
  });

  it('creates, lists, reads and retires a service through the API with an admin token', async () => {
    const headers = { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' };
    const created = await fetch(`${baseUrl}/api/v1/services`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Email', kind: 'business', description: 'Mail for everyone', ownerGroup: 'messaging', supportGroup: 'service-desk' }),
    });
    expect(created.status).toBe(201);
    const service = (await created.json()) as { id: string; number: string; lifecycle: string };
    expect(service).toMatchObject({ number: expect.stringMatching(/^SVC\d{7}$/), lifecycle: 'pipeline' });

    const listed = await fetch(`${baseUrl}/api/v1/services?q=mail`, {
      headers: { ...headers, 'x-wait-for-position': created.headers.get('x-log-position') ?? '0' },
    });
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toContain(service.id);

    const read = await fetch(`${baseUrl}/api/v1/services/${service.id}`, { headers });
    expect(read.headers.get('etag')).toBe('"0"');

    const retired = await fetch(`${baseUrl}/api/v1/services/${service.id}/retire`, { method: 'POST', headers, body: '{}' });
    expect(retired.status).toBeLessThan(300);
    expect(((await retired.json()) as { lifecycle: string }).lifecycle).toBe('retired');
  });

  it('refuses the API without credentials, with problem+json', async () => {
    const response = await fetch(`${baseUrl}/api/v1/services`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('serves the OpenAPI document with the catalog endpoints', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/services', '/api/v1/services/{id}/retire']));
  });

  it('serves the AsyncAPI document of its events without credentials, as JSON and YAML', async () => {
    const json = await fetch(`${baseUrl}/api/asyncapi.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await json.json()) as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels).map((channel) => channel.address)).toContain('itsm.catalog.events.v1');
    const yaml = await fetch(`${baseUrl}/api/asyncapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(await yaml.text()).toMatch(/^asyncapi: 3\.0\.0$/m);
  });

  it('keeps the embedded database in the configured data folder, locked by this process', () => {
    expect(readdirSync(join(dataDir, 'postgres'))).toEqual(expect.arrayContaining(['PG_VERSION', 'postmaster.pid']));
    expect(dataDirectoryHolder(dataDir)).toMatchObject({ pid: process.pid });
  });
});
