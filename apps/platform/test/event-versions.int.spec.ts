import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { incidentStreamId } from '@itsm/contracts';
import { newId } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { eventsTopic, fromCloudEventMessage, type IncomingMessage, type MessageBus } from '@itsm/messaging';
import { call, EVENT_STORE, MESSAGE_BUS, signAccessToken, waitUntil } from '@itsm/platform-kit';

// The embedded default, in a data folder of its own.
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-versions-'));
const jwtSecret = 'event-versions-spec-secret-of-32-characters';

/**
 * Event versions end to end on the embedded platform: an IncidentAssigned stored as schema version 1 (as an older
 * release wrote it, with `group`/`agent`) is folded, projected and published as version 2 (`assignmentGroup`/
 * `assignee`), while the log keeps the stored bytes.
 */
describe('a log written with IncidentAssigned v1, read by this release', () => {
  let app: INestApplication;
  let baseUrl: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    Object.assign(process.env, { ITSM_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ITSM_JWT_SECRET: jwtSecret });
    for (const name of ['DATABASE_URL', 'EVENTSTORE_URL', 'KAFKA_BROKERS']) delete process.env[name];
    const { createPlatformApp } = await import('../src/app/bootstrap');
    app = await createPlatformApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    const token = await signAccessToken({ sub: 'admin', name: 'Admin', roles: ['admin'] }, { secret: new TextEncoder().encode(jwtSecret) });
    headers = { authorization: `Bearer ${token}` };
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async (path: string, body?: unknown, expected = 201) => {
    const answer = await call(`${baseUrl}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body });
    expect({ path, status: answer.status }).toEqual({ path, status: expected });
    return answer;
  };

  const openIncident = async (): Promise<{ id: string; revision: number }> => {
    const service = await api('/api/v1/services', { name: 'Email', kind: 'business', description: 'Mail', ownerGroup: 'messaging', supportGroup: 'service-desk' });
    const opened = await waitUntil('the incidents catalog copy to know the new service', async () => {
      const answer = await call(`${baseUrl}/api/v1/incidents`, {
        method: 'POST',
        headers,
        body: { shortDescription: 'Mail down', description: 'No mail since 9:00', callerId: 'admin', serviceId: service.body.id, impact: 2, urgency: 2 },
      });
      return answer.status === 201 ? answer : undefined;
    });
    return { id: opened.body.id, revision: Number(JSON.parse(opened.headers.get('etag') ?? '"0"')) };
  };

  it('folds, projects and publishes it as v2, and keeps v1 in the log', async () => {
    const { id, revision } = await openIncident();
    const bus = app.get<MessageBus>(MESSAGE_BUS);
    const published: IncomingMessage[] = [];
    const subscription = await bus.subscribe({
      groupId: `versions-spec-${newId()}`,
      topics: [eventsTopic('incidents')],
      handler: async (message) => void published.push(message),
    });
    const store = app.get<EventStore>(EVENT_STORE);
    const v1 = { incidentId: id, group: 'legacy-desk', agent: 'agent-9', previousGroup: null, previousAgent: null, state: 'assigned', assignedAt: new Date().toISOString() };
    const written = await store.appendToStream(
      incidentStreamId(id),
      [{ type: 'IncidentAssigned', schemaVersion: 1, data: v1, metadata: { actor: { id: 'older-release' }, correlationId: newId() } }],
      { expectedRevision: revision },
    );

    // Folded: the incident as its stream says.
    const read = await api(`/api/v1/incidents/${id}`, undefined, 200);
    expect(read.body).toMatchObject({ assignmentGroup: 'legacy-desk', assignee: 'agent-9' });

    // Projected: the list (a read model) filters on the v2 fields.
    const listed = await call(`${baseUrl}/api/v1/incidents?assignmentGroup=legacy-desk`, {
      headers: { ...headers, 'x-wait-for-position': String(written.lastGlobalPosition) },
    });
    expect(listed.body.items).toEqual([expect.objectContaining({ id, assignmentGroup: 'legacy-desk', assignee: 'agent-9' })]);

    // Published: downstream systems get v2.
    const message = await waitUntil('the relay to publish the assignment', () =>
      published.find((candidate) => fromCloudEventMessage(candidate).eventId === written.events[0].eventId),
    );
    await subscription.stop();
    expect(message.headers['ce_type']).toBe('itsm.incidents.IncidentAssigned.v2');
    expect(fromCloudEventMessage(message)).toMatchObject({
      schemaVersion: 2,
      data: { incidentId: id, assignmentGroup: 'legacy-desk', assignee: 'agent-9', previousAssignmentGroup: null, previousAssignee: null },
    });

    // Stored: the log keeps what was written (the hash chain covers it).
    const [stored] = (await store.readStream(incidentStreamId(id))).filter((event) => event.type === 'IncidentAssigned');
    expect(stored).toMatchObject({ schemaVersion: 1, data: { group: 'legacy-desk', agent: 'agent-9' } });
  });
});
