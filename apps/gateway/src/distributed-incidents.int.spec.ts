import { randomUUID } from 'node:crypto';
import { SqlAuditTree, SqlVerificationRuns, verifyAuditLog } from '@itsm/audit-application';
import { fromHex, noteSignerFromSeed, parseNoteVerifier, verifyCheckpointNote, verifyInclusion } from '@itsm/audit-domain';
import { createPgExecutor, createPostgresEventStore } from '@itsm/event-store';
import { describeWithKafka } from '@itsm/messaging';
import { APP_START_LIMIT_MS, createTestDatabase, freePort, startAppProcess, waitUntil, type AppProcess, type TestDatabase } from '@itsm/platform-kit';
import { bearer, DISTRIBUTED_JWT_SECRET, header, jsonCallsTo, watchEventTopics, type EventTopicsWitness } from './testing/distributed-harness';

/** The incidents process's consumer group (apps/incidents), which it names after ITSM_TOPIC_PREFIX as its topics. */
const INCIDENTS_GROUP = 'incidents';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * When `minutes` of Mon–Fri 09:00–17:00 UTC have passed since `start` (a due time may fall on a day's last instant):
 * worked out here by walking the days, independently of the incidents' calendar arithmetic.
 */
const dueInOfficeHours = (start: string, minutes: number): string => {
  const startMs = Date.parse(start);
  let remaining = minutes * 60_000;
  for (let day = startMs - (startMs % DAY_MS); ; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const [opens, closes] = [day + 9 * HOUR_MS, day + 17 * HOUR_MS];
    if (closes <= startMs) continue;
    const from = Math.max(opens, startMs);
    if (remaining <= closes - from) return new Date(from + remaining).toISOString();
    remaining -= closes - from;
  }
};

/** Each context process signs checkpoints over its own log, under its own origin and key (fixed seeds: a test's keys). */
const auditSignerOf = (context: string) => noteSignerFromSeed(`dist.test/${context}`, Buffer.alloc(32, context.length));
const auditSettingsOf = (context: string) => ({
  ITSM_AUDIT_ORIGIN: `dist.test/${context}`,
  ITSM_AUDIT_SIGNING_KEY: auditSignerOf(context).text,
  // A checkpoint soon after every write, so the spec need not write a thousand events.
  ITSM_AUDIT_CHECKPOINT_EVENTS: '1',
  ITSM_AUDIT_CHECKPOINT_SECONDS: '1',
  ITSM_AUDIT_VERIFY_HOURS: '0',
});

const officeHours = {
  name: 'Office hours (UTC)',
  timeZone: 'UTC',
  weeklyHours: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays: [],
};
const slaTargets = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 60, resolutionMinutes: 480 },
  P3: { responseMinutes: 240, resolutionMinutes: 960 },
  P4: { responseMinutes: 480, resolutionMinutes: 1920 },
  P5: { responseMinutes: 960, resolutionMinutes: 3840 },
};

describeWithKafka(
  'distributed shape: incidents learn the catalog from Kafka only, behind the gateway (separate processes, separate databases)',
  (brokers) => {
    jest.setTimeout(10 * 60_000);
    const processes: AppProcess[] = [];
    let catalogDatabase: TestDatabase;
    let incidentsDatabase: TestDatabase;
    let topics: EventTopicsWitness;
    let gatewayUrl: string;
    const call = jsonCallsTo(() => gatewayUrl);

    beforeAll(async () => {
      [catalogDatabase, incidentsDatabase, topics] = await Promise.all([
        createTestDatabase('itsm_dist_catalog'),
        createTestDatabase('itsm_dist_incidents'),
        watchEventTopics(brokers, 'dist-incidents'),
      ]);
      const [catalogPort, incidentsPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
      const shared = { ITSM_JWT_SECRET: DISTRIBUTED_JWT_SECRET, HOST: '127.0.0.1', LOG_LEVEL: 'info', ITSM_RATE_LIMIT: '0' };
      const kafka = { KAFKA_BROKERS: brokers.join(','), ITSM_TOPIC_PREFIX: topics.prefix };
      const relayOn = (database: TestDatabase) =>
        startAppProcess('relay', { DATABASE_URL: database.url, ...kafka, RELAY_PROGRESS_INTERVAL_MS: '1000' });

      // Each service first: it creates its event log's tables, which its relay then finds.
      const catalog = startAppProcess('service-catalog', { ...shared, ...auditSettingsOf('catalog'), DATABASE_URL: catalogDatabase.url, PORT: String(catalogPort) });
      const incidents = startAppProcess('incidents', { ...shared, ...kafka, ...auditSettingsOf('incidents'), DATABASE_URL: incidentsDatabase.url, PORT: String(incidentsPort) });
      processes.push(catalog, incidents);
      await Promise.all([catalog.waitFor(/^service-catalog listening/, APP_START_LIMIT_MS), incidents.waitFor(/^incidents listening/, APP_START_LIMIT_MS)]);
      const catalogRelay = relayOn(catalogDatabase);
      const incidentsRelay = relayOn(incidentsDatabase);
      const gateway = startAppProcess('gateway', {
        ...shared,
        PORT: String(gatewayPort),
        CATALOG_SERVICE_URL: `http://127.0.0.1:${catalogPort}`,
        INCIDENTS_SERVICE_URL: `http://127.0.0.1:${incidentsPort}`,
      });
      processes.push(catalogRelay, incidentsRelay, gateway);
      await Promise.all([
        catalogRelay.waitFor(/^relay started$/, APP_START_LIMIT_MS),
        incidentsRelay.waitFor(/^relay started$/, APP_START_LIMIT_MS),
        gateway.waitFor(/^gateway listening/, APP_START_LIMIT_MS),
      ]);
      gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    });

    /** A live service with a Gold offering in office hours, through the gateway; `writtenAt`: the catalog log's position of its go-live. */
    const liveService = async (name: string) => {
      const owner = await bearer(['service-owner']);
      const calendar = await call('/api/v1/calendars', { method: 'POST', headers: owner, body: officeHours });
      const service = await call('/api/v1/services', {
        method: 'POST',
        headers: owner,
        body: { name, kind: 'technical', description: `${name} for everyone`, ownerGroup: 'platform', supportGroup: 'network' },
      });
      const serviceId: string = service.body.id;
      const offering = await call(`/api/v1/services/${serviceId}/offerings`, {
        method: 'POST',
        headers: owner,
        body: { name: 'Gold', calendarId: calendar.body.id, slaTargets },
      });
      const live = await call(`/api/v1/services/${serviceId}/go-live`, { method: 'POST', headers: owner });
      expect([calendar.status, service.status, offering.status, live.status]).toEqual([201, 201, 201, 200]);
      return { serviceId, offeringId: offering.body.id as string, writtenAt: live.headers.get('x-log-position') ?? '' };
    };

    afterAll(async () => {
      await Promise.all(processes.map((process) => process.stop()));
      await topics?.close([INCIDENTS_GROUP]);
      await Promise.all([catalogDatabase?.drop(), incidentsDatabase?.drop()]);
    });

    it('is ready only when both services behind it are, and serves both in its OpenAPI document', async () => {
      const ready = await call('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { 'service-catalog': { status: 'up' }, incidents: { status: 'up' } } });
      const document = await call('/api/docs-json');
      expect(document.status).toBe(200);
      expect(Object.keys(document.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/services',
          '/api/v1/services/{id}/offerings',
          '/api/v1/calendars',
          '/api/v1/incidents',
          '/api/v1/incidents/{id}',
          '/api/v1/incidents/{id}/sla',
        ]),
      );
    });

    it('refuses an incident on a service the catalog never published with 4xx problem+json', async () => {
      const refused = await call('/api/v1/incidents', {
        method: 'POST',
        headers: await bearer(['agent']),
        body: { shortDescription: 'Printer jam', description: 'Tray 2', serviceId: randomUUID(), impact: 2, urgency: 2 },
      });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: refused.status, detail: expect.stringMatching(/not in the catalog/) });
    });

    it('opens a P1 on a service learnt from Kafka, with SLA timers in the calendar, and publishes its CloudEvents', async () => {
      const owner = await bearer(['service-owner']);
      const requester = await bearer(['requester'], 'rita');
      const agent = await bearer(['agent'], 'adam');

      // The catalog, through the gateway only.
      const calendar = await call('/api/v1/calendars', { method: 'POST', headers: owner, body: officeHours });
      expect(calendar.status).toBe(201);
      const service = await call('/api/v1/services', {
        method: 'POST',
        headers: owner,
        body: { name: 'Mail', kind: 'technical', description: 'Mail for everyone', ownerGroup: 'platform', supportGroup: 'service-desk' },
      });
      expect(service.status).toBe(201);
      const serviceId: string = service.body.id;
      const offering = await call(`/api/v1/services/${serviceId}/offerings`, {
        method: 'POST',
        headers: owner,
        body: { name: 'Gold', calendarId: calendar.body.id, slaTargets },
      });
      expect(offering.status).toBe(201);
      const live = await call(`/api/v1/services/${serviceId}/go-live`, { method: 'POST', headers: owner });
      expect([live.status, live.body.lifecycle]).toEqual([200, 'live']);

      // The incidents process has learnt it once its consumer group has handled those CloudEvents.
      const catalogEvents = [
        ...(await topics.waitForSubject('catalog', `calendar-${calendar.body.id}`, 1, 30_000)),
        ...(await topics.waitForSubject('catalog', `service-${serviceId}`, 4, 30_000)),
      ];
      expect(catalogEvents.map((read) => header(read.message, 'ce_type'))).toEqual([
        'itsm.catalog.CalendarCreated.v2',
        'itsm.catalog.ServiceRegistered.v2',
        'itsm.catalog.ServiceOfferingAdded.v1',
        'itsm.catalog.ServiceDefaultOfferingChanged.v1',
        'itsm.catalog.ServiceWentLive.v1',
      ]);
      await topics.waitUntilGroupHandled(INCIDENTS_GROUP, catalogEvents, 30_000);

      const opened = await call('/api/v1/incidents', {
        method: 'POST',
        headers: requester,
        body: { shortDescription: 'Mail down', description: 'No mail since 9:00', serviceId, impact: 1, urgency: 1 },
      });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        number: expect.stringMatching(/^INC\d{7}$/),
        priority: 'P1',
        state: 'new',
        callerId: 'rita',
        serviceId,
        // The default offering drives the SLA, and the incident records it.
        offeringId: offering.body.id,
      });
      const incidentId: string = opened.body.id;
      expect(opened.headers.get('location')).toBe(`/api/v1/incidents/${incidentId}`);
      const writtenAt = opened.headers.get('x-log-position') ?? '';
      expect(Number(writtenAt)).toBeGreaterThan(0);

      const sla = await call(`/api/v1/incidents/${incidentId}/sla`, { headers: agent });
      expect(sla.status).toBe(200);
      const timers = Object.fromEntries(sla.body.timers.map((timer: { kind: string }) => [timer.kind, timer]));
      const startedAt: string = opened.body.openedAt;
      expect(timers).toEqual({
        response: expect.objectContaining({
          state: 'running',
          targetMinutes: slaTargets.P1.responseMinutes,
          startedAt,
          dueAt: dueInOfficeHours(startedAt, slaTargets.P1.responseMinutes),
        }),
        resolution: expect.objectContaining({
          state: 'running',
          targetMinutes: slaTargets.P1.resolutionMinutes,
          startedAt,
          dueAt: dueInOfficeHours(startedAt, slaTargets.P1.resolutionMinutes),
        }),
      });

      // The incident's events reach Kafka through the incidents' own relay, under the run's prefix.
      const subject = `incident-${incidentId}`;
      const [openedEvent] = await topics.waitForSubject('incidents', subject, 1, 30_000);
      expect(openedEvent.topic).toBe(topics.topicOf('incidents'));
      expect(openedEvent.message.key?.toString()).toBe(subject);
      expect(header(openedEvent.message, 'ce_type')).toBe('itsm.incidents.IncidentOpened.v1');
      expect(header(openedEvent.message, 'ce_source')).toBe('/itsm/incidents');
      expect(JSON.parse(openedEvent.message.value?.toString() ?? 'null')).toMatchObject({
        incidentId,
        number: opened.body.number,
        serviceId,
        priority: 'P1',
      });

      // The list is a read model fed back from that topic. X-Wait-For-Position asks it to wait for the write where the
      // list supports it; the poll keeps the spec true where it does not, as the list lags by the relay and Kafka.
      const listed = await waitUntil(
        `${opened.body.number} in the incident list`,
        async () => {
          const page = await call(`/api/v1/incidents?serviceId=${serviceId}`, { headers: { ...agent, 'x-wait-for-position': writtenAt } });
          expect(page.status).toBe(200);
          return page.body.items.length > 0 ? page.body.items : undefined;
        },
        30_000,
      );
      expect(listed).toEqual([expect.objectContaining({ id: incidentId, number: opened.body.number, priority: 'P1' })]);

      // Two logs: the incidents' holds no catalog stream, so the service can only have come from Kafka.
      const streamsOf = async (database: TestDatabase) =>
        (await database.query<{ stream_id: string }>('SELECT DISTINCT stream_id FROM event_store.events')).map((row) => row.stream_id);
      expect((await streamsOf(incidentsDatabase)).filter((stream) => !stream.startsWith('incident-'))).toEqual([]);
      expect((await streamsOf(catalogDatabase)).filter((stream) => stream.startsWith('incident-'))).toEqual([]);
    });

    it('opens right after a catalog write: X-Wait-For-Position holds the open until the incidents have learnt it from Kafka', async () => {
      const agent = await bearer(['agent'], 'adam');
      const { serviceId, offeringId, writtenAt: catalogWrittenAt } = await liveService('VPN');
      expect(Number(catalogWrittenAt)).toBeGreaterThan(0);

      // No wait on the topics here: the open itself waits for the incidents' catalog copy to reach that position.
      const opened = await call('/api/v1/incidents', {
        method: 'POST',
        headers: { ...agent, 'x-wait-for-position': catalogWrittenAt },
        body: { shortDescription: 'VPN drops', description: 'Every 5 minutes', serviceId, impact: 2, urgency: 2 },
      });
      expect([opened.status, opened.body.serviceId, opened.body.offeringId]).toEqual([201, serviceId, offeringId]);
    });

    it('serves each context\'s audit routes over its own log through the gateway: a timeline by number, checkpoints, proofs, the latest verification', async () => {
      const agent = await bearer(['agent'], 'adam');
      const auditor = await bearer(['auditor'], 'audrey');
      const { serviceId, writtenAt } = await liveService('Printing');
      const opened = await call('/api/v1/incidents', {
        method: 'POST',
        headers: { ...agent, 'x-wait-for-position': writtenAt },
        body: { shortDescription: 'Printer jam', description: 'Tray 2', serviceId, impact: 3, urgency: 3 },
      });
      expect(opened.status).toBe(201);
      const incidentId: string = opened.body.id;
      const assigned = await call(`/api/v1/incidents/${incidentId}/assign`, { method: 'POST', headers: { ...agent, 'if-match': opened.headers.get('etag') ?? '' }, body: { assignmentGroup: 'desk', assignee: 'adam' } });
      expect(assigned.status).toBe(200);

      // The timeline by number: INC goes to the incidents process, whose log holds the stream.
      const timeline = await call(`/api/v1/audit/records/${opened.body.number}`, { headers: auditor });
      expect(timeline.status).toBe(200);
      expect(timeline.body).toMatchObject({ number: opened.body.number, streamId: `incident-${incidentId}`, chain: { ok: true } });
      expect(timeline.body.entries.map((entry: { type: string }) => entry.type)).toEqual(expect.arrayContaining(['IncidentOpened', 'IncidentAssigned']));
      expect(timeline.body.entries[0]).toMatchObject({ revision: 0, actor: { id: 'adam', role: 'agent' } });
      expect((await call(`/api/v1/audit/records/${opened.body.number}`, { headers: agent })).status).toBe(403);
      expect((await call('/api/v1/audit/records/XYZ0000001', { headers: auditor })).status).toBe(404);
      expect((await call('/api/v1/audit/ledger/checkpoints', { headers: auditor })).status).toBe(404);

      // Each context's checkpoints: signed by its own key, over its own log.
      const signedUpTo = async (context: string, position: number) =>
        waitUntil(
          `a checkpoint of the ${context} log at or after position ${position}`,
          async () => {
            const page = await call(`/api/v1/audit/${context}/checkpoints`, { headers: auditor });
            expect(page.status).toBe(200);
            return page.body.items[0]?.lastPosition >= position ? page.body.items[0] : undefined;
          },
          30_000,
        );
      const incidentsCheckpoint = await signedUpTo('incidents', timeline.body.entries.at(-1).globalPosition);
      const catalogCheckpoint = await signedUpTo('catalog', Number(writtenAt));
      const incidentsKey = parseNoteVerifier(auditSignerOf('incidents').verifier.text);
      expect(verifyCheckpointNote(incidentsCheckpoint.note, incidentsKey)).toMatchObject({ ok: true });
      expect(verifyCheckpointNote(catalogCheckpoint.note, parseNoteVerifier(auditSignerOf('catalog').verifier.text))).toMatchObject({ ok: true });
      expect(verifyCheckpointNote(catalogCheckpoint.note, incidentsKey)).toMatchObject({ ok: false });

      // The incident's opening proven in the incidents' latest checkpoint.
      const openedEvent = timeline.body.entries[0];
      const proof = await call(`/api/v1/audit/incidents/proofs/inclusion?eventId=${openedEvent.eventId}&treeSize=${incidentsCheckpoint.treeSize}`, { headers: auditor });
      expect(proof.status).toBe(200);
      expect(proof.body).toMatchObject({ globalPosition: openedEvent.globalPosition, treeSize: incidentsCheckpoint.treeSize, verified: true });
      const { leafHash, leafIndex, treeSize, proof: path } = proof.body;
      expect(verifyInclusion(fromHex(leafHash), leafIndex, treeSize, path.map(fromHex), fromHex(incidentsCheckpoint.rootHash))).toBe(true);

      // The latest verification of the incidents' log, as `itsm verify` records it, read through the gateway.
      expect((await call('/api/v1/audit/incidents/verify', { headers: auditor })).status).toBe(404);
      const store = await createPostgresEventStore({ connectionString: incidentsDatabase.url });
      const db = createPgExecutor({ connectionString: incidentsDatabase.url, max: 2 });
      try {
        const tree = new SqlAuditTree(db);
        const result = await verifyAuditLog({ store, tree }, { verifier: incidentsKey, origin: 'dist.test/incidents' });
        await new SqlVerificationRuns(db, tree.tables).record('itsm verify', result);
      } finally {
        await store.close();
        await db.close();
      }
      const verified = await call('/api/v1/audit/incidents/verify', { headers: auditor });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ ok: true });
      expect((await call('/api/v1/audit/catalog/verify', { headers: auditor })).status).toBe(404);

      // The edge's OpenAPI document names the audit routes as it serves them.
      const document = await call('/api/docs-json');
      expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/v1/audit/{context}/checkpoints', '/api/v1/audit/{context}/verify', '/api/v1/audit/records/{reference}']));
      expect(Object.keys(document.body.paths).filter((path) => path.startsWith('/api/v1/audit/') && !path.startsWith('/api/v1/audit/{context}/') && !path.startsWith('/api/v1/audit/records/'))).toEqual([]);
    });
  },
);
