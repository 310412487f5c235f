import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import { call, EVENT_STORE, signAccessToken, type JsonAnswer, type Role } from '@itsm/platform-kit';
import { readServerSentEvents, type ServerSentMessage } from '@itsm/server-sent-events';

/*
 * GET /api/v1/events on the embedded process (PlatformModule, as `npm start` runs it), read with fetch as any
 * client would: what the stream carries is counted against the log itself.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'itsm-platform-events-'));
process.env.ITSM_DATA_DIR = dataDir;
process.env.ITSM_EMBEDDED_ENGINE = 'pglite';
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';
process.env.ITSM_RATE_LIMIT = '0';
process.env.ITSM_SSE_HEARTBEAT_SECONDS = '0.2';
const jwtSecret = 'platform-events-secret-of-at-least-32-characters';
process.env.ITSM_JWT_SECRET = jwtSecret;

type SentEvent = Extract<ServerSentMessage, { kind: 'event' }>;

interface OpenStream {
  status: number;
  contentType: string | null;
  messages: ServerSentMessage[];
  events(): SentEvent[];
  close(): Promise<void>;
}

describe('server-sent events on the embedded platform', () => {
  let app: INestApplication;
  let baseUrl: string;
  let store: EventStore;
  const streams: OpenStream[] = [];

  const tokenOf = (sub: string, roles: Role[]) => signAccessToken({ sub, name: sub, roles }, { secret: new TextEncoder().encode(jwtSecret) });
  const as = async (sub: string, roles: Role[]) => ({ authorization: `Bearer ${await tokenOf(sub, roles)}` });
  const post = async (path: string, body: unknown, headers: Record<string, string>): Promise<JsonAnswer> =>
    call(`${baseUrl}/api/v1${path}`, { method: 'POST', headers, body });
  const positionOf = (write: JsonAnswer) => Number(write.headers.get('x-log-position'));

  const open = async (query: string, headers: Record<string, string>): Promise<OpenStream> => {
    const aborted = new AbortController();
    const response = await fetch(`${baseUrl}/api/v1/events${query}`, { headers, signal: aborted.signal });
    const messages: ServerSentMessage[] = [];
    const reading = (async () => {
      if (!response.body || response.status !== 200) return;
      try {
        for await (const message of readServerSentEvents(response.body)) messages.push(message);
      } catch {
        // aborted by close()
      }
    })();
    const stream: OpenStream = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      messages,
      events: () => messages.filter((message): message is SentEvent => message.kind === 'event'),
      close: async () => {
        aborted.abort();
        await reading;
      },
    };
    streams.push(stream);
    return stream;
  };
  const receivedUpTo = (stream: OpenStream, position: number) =>
    waitUntil(`the stream to reach position ${position}`, () => stream.events().some((event) => Number(event.id) >= position), 20_000);
  const logAfter = async (position: number, upTo: number): Promise<RecordedEvent[]> =>
    (await store.readAll({ fromPosition: position, maxCount: 10_000 })).events.filter((event) => event.globalPosition <= upTo);

  let admin: Record<string, string>;
  let serviceId: string;
  let serviceLive: JsonAnswer;
  const openIncident = (headers: Record<string, string>, shortDescription: string) =>
    post('/incidents', { shortDescription, description: 'Seen from the events spec', serviceId, impact: 2, urgency: 2 }, {
      ...headers,
      'x-wait-for-position': String(positionOf(serviceLive)),
    });

  beforeAll(async () => {
    const { createPlatformApp } = await import('./bootstrap');
    app = await createPlatformApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    store = app.get<EventStore>(EVENT_STORE);
    admin = await as('admin', ['admin']);
    const service = await post('/services', { name: 'Email', kind: 'business', description: 'Mail', ownerGroup: 'messaging', supportGroup: 'service-desk' }, admin);
    serviceId = service.body.id;
    serviceLive = await post(`/services/${serviceId}/go-live`, {}, admin);
    expect(serviceLive.status).toBe(200);
    // A hang limit for a busy machine (the whole platform boots and compiles), not a speed check.
  }, 300_000);

  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 401 without credentials', async () => {
    const answer = await call(`${baseUrl}/api/v1/events`);
    expect([answer.status, answer.headers.get('content-type')]).toEqual([401, expect.stringContaining('application/problem+json')]);
  });

  it.each([
    ['a type with a space', '?types=itsm.incidents.Incident%20Opened.v1', 'types'],
    ['a type no contract publishes', '?types=itsm.incidents.IncidentTeleported.v1', 'types'],
    ['a prefix that matches nothing', '?types=acme.*', 'types'],
    ['a Last-Event-ID that is not a position', '', 'Last-Event-ID', { 'last-event-id': 'yesterday' }],
    ['a lastEventId that is not a position', '?lastEventId=-3', 'lastEventId'],
    ['an unknown query parameter', '?type=itsm.*', 'type'],
    ['a Last-Event-ID ahead of the log', '', 'Last-Event-ID', { 'last-event-id': '999999999' }],
  ])('answers 400 problem+json for %s', async (_case, query, field, headers: Record<string, string> = {}) => {
    const answer = await call(`${baseUrl}/api/v1/events${query}`, { headers: { ...admin, ...headers } });
    expect([answer.status, answer.headers.get('content-type')]).toEqual([400, expect.stringContaining('application/problem+json')]);
    expect(JSON.stringify(answer.body)).toContain(field);
  });

  it('streams each new event as id (log position), event (CloudEvents type) and data (the CloudEvent), with heartbeats', async () => {
    const stream = await open('', admin);
    expect([stream.status, stream.contentType]).toEqual([200, expect.stringContaining('text/event-stream')]);
    const opened = await openIncident(admin, 'Mail is slow');
    await receivedUpTo(stream, positionOf(opened));
    const [incidentOpened] = stream.events().filter((event) => event.event.startsWith('itsm.incidents.IncidentOpened.'));
    const cloudEvent = JSON.parse(incidentOpened.data);
    const {
      events: [stored],
    } = await store.readAll({ fromPosition: Number(incidentOpened.id) - 1, maxCount: 1 });
    expect(cloudEvent).toMatchObject({
      specversion: '1.0',
      id: stored.eventId,
      source: '/itsm/incidents',
      type: incidentOpened.event,
      subject: stored.streamId,
      sequence: incidentOpened.id,
      datacontenttype: 'application/json',
      data: expect.objectContaining({ shortDescription: 'Mail is slow' }),
    });
    await waitUntil('a heartbeat', () => stream.messages.some((message) => message.kind === 'comment' && message.text.startsWith('heartbeat')), 10_000);
  });

  it('resumes from Last-Event-ID: a client that drops and comes back sees every event exactly once', async () => {
    const start = await readHeadPosition(store);
    const first = await open(`?lastEventId=${start}`, admin);
    const before = await openIncident(admin, 'Before the drop');
    await receivedUpTo(first, positionOf(before));
    await first.close();
    const lastSeen = first.events().at(-1)?.id ?? String(start);

    // Written while the client is away, then after it is back.
    const away = await openIncident(admin, 'While away');
    await post(`/incidents/${away.body.id}/assign`, { assignmentGroup: 'service-desk' }, { ...admin, 'if-match': away.headers.get('etag') ?? '*' });
    const second = await open('', { ...admin, 'last-event-id': lastSeen });
    const back = await openIncident(admin, 'After the return');
    await receivedUpTo(second, positionOf(back));
    const upTo = Math.max(...second.events().map((event) => Number(event.id)));

    const received = [...first.events(), ...second.events()].map((event) => Number(event.id)).filter((position) => position <= upTo);
    const logged = (await logAfter(start, upTo)).map((event) => event.globalPosition);
    expect(received).toEqual(logged);
    expect(new Set(received).size).toBe(received.length);
  });

  it('sends only the selected types (exact types and prefixes)', async () => {
    const start = await readHeadPosition(store);
    const stream = await open(`?types=itsm.catalog.*&lastEventId=${start}`, admin);
    const service = await post('/services', { name: 'Chat', kind: 'business', description: 'Chat', ownerGroup: 'chat', supportGroup: 'service-desk' }, admin);
    const opened = await openIncident(admin, 'Not a catalog event');
    const live = await post(`/services/${service.body.id}/go-live`, {}, admin);
    await receivedUpTo(stream, positionOf(live));
    const catalogInLog = (await logAfter(start, positionOf(live))).filter((event) => /^(service|offering|calendar)-/.test(event.streamId));
    expect(stream.events().map((event) => Number(event.id))).toEqual(catalogInLog.map((event) => event.globalPosition));
    expect(stream.events().every((event) => event.event.startsWith('itsm.catalog.'))).toBe(true);
    expect(positionOf(opened)).toBeGreaterThan(start);
  });

  it("shows a requester only their own incident's events", async () => {
    const alice = await as('alice', ['requester']);
    const bob = await as('bob', ['requester']);
    const start = await readHeadPosition(store);
    const aliceStream = await open(`?lastEventId=${start}`, alice);
    const mine = await openIncident(alice, 'My laptop');
    const theirs = await openIncident(bob, 'Their printer');
    await post(`/incidents/${theirs.body.id}/assign`, { assignmentGroup: 'service-desk' }, { ...admin, 'if-match': theirs.headers.get('etag') ?? '*' });
    const assigned = await post(`/incidents/${mine.body.id}/assign`, { assignmentGroup: 'service-desk' }, { ...admin, 'if-match': mine.headers.get('etag') ?? '*' });
    expect(assigned.status).toBe(200);
    await receivedUpTo(aliceStream, positionOf(assigned));

    const myStream = (await logAfter(start, positionOf(assigned))).filter((event) => event.globalPosition === positionOf(mine))[0].streamId;
    const mineInLog = (await logAfter(start, positionOf(assigned))).filter((event) => event.streamId === myStream);
    const received = aliceStream.events().filter((event) => Number(event.id) <= positionOf(assigned));
    expect(received.map((event) => Number(event.id))).toEqual(mineInLog.map((event) => event.globalPosition));
    expect(received.every((event) => JSON.parse(event.data).subject === myStream)).toBe(true);
    // Alice's own fields read in clear: the stream shows what the decrypting read path shows.
    expect(JSON.parse(received[0].data).data).toMatchObject({ callerId: 'alice', shortDescription: 'My laptop' });
  });
});
