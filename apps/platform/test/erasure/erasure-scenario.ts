import type { INestApplication } from '@nestjs/common';
import { BackgroundVerification } from '@itsm/audit-application';
import { ERASED_FIELD_VALUE, type EventStore } from '@itsm/event-store';
import { incidentStreamId } from '@itsm/contracts';
import { SLA_SCENARIO_CALENDAR, SLA_SCENARIO_TARGETS } from '@itsm/incidents-api/testing';
import { call, signAccessToken, STORED_EVENT_STORE, waitUntil, type JsonAnswer, type Role } from '@itsm/platform-kit';

/*
 * Issue 12 point 6, "done when", on the embedded platform process (PlatformModule as `npm start` runs it) of one
 * shape: an incident opened for one caller and worked, another caller's incident beside it; the admin erases the
 * first caller; from then on no route (GET incident, list, search `q`, history, the auditors' event search) and no
 * read model (rebuilt) shows its personal fields, the other caller's are intact, and the audit verification (hash
 * chains, the audit tree, every signed checkpoint) still passes. The spec files set the shape's settings first.
 */

export const ERASURE_JWT_SECRET = 'platform-erasure-spec-secret-of-at-least-32-characters';

const ADA = { callerId: 'caller-ada-4711', shortDescription: 'Ada Lovelace cannot print', description: 'Ada Lovelace, office 3.14, phone +44 20 7946 0000' };
const BOB = { callerId: 'caller-bob-0815', shortDescription: 'Bob Babbage VPN drops', description: 'Bob Babbage working from home' };
const ADA_NOTE = 'Called Ada Lovelace at home about the printer';
const ADA_TRACES = ['Lovelace', 'caller-ada-4711', 'Called Ada'];

export const erasureScenario = (shape: string, appOf: () => INestApplication) => {
  describe(`GDPR erasure on the embedded platform (${shape})`, () => {
    let baseUrl: string;
    let headers: Record<'serviceOwner' | 'agent' | 'admin' | 'auditor', Record<string, string>>;
    let serviceId: string;
    let adaIncident: string;
    let bobIncident: string;
    let readModels: string[];

    const post = (path: string, body: unknown = {}, as = headers.agent) => call(`${baseUrl}${path}`, { method: 'POST', headers: as, body });
    const get = (path: string, as = headers.agent) => call(`${baseUrl}${path}`, { headers: as });
    const projectionAt = async (name: string, write: JsonAnswer) => {
      const position = Number(write.headers.get('x-log-position'));
      await waitUntil(`${name} to reach log position ${position}`, async () => {
        const statuses = (await get('/admin/projections', headers.admin)).body as { name: string; position: number }[];
        return (statuses.find((status) => status.name === name)?.position ?? -1) >= position;
      }, 20_000);
    };
    /** Every route that shows an incident's personal fields, as the agent and the auditor see them. */
    const everyView = async (incidentId: string, words: string) => ({
      incident: (await get(`/api/v1/incidents/${incidentId}`)).body,
      list: (await get('/api/v1/incidents?limit=100')).body,
      search: (await get(`/api/v1/incidents?q=${encodeURIComponent(words)}`)).body,
      history: (await get(`/api/v1/incidents/${incidentId}/history`)).body,
      auditEvents: (await get(`/api/v1/audit/events?streamId=${incidentStreamId(incidentId)}&limit=100`, headers.auditor)).body,
    });

    beforeAll(async () => {
      baseUrl = await appOf().getUrl();
      const bearer = async (roles: Role[], sub: string) => ({
        authorization: `Bearer ${await signAccessToken({ sub, name: sub, roles }, { secret: new TextEncoder().encode(ERASURE_JWT_SECRET) })}`,
      });
      headers = {
        serviceOwner: await bearer(['service-owner'], 'olivia'),
        agent: await bearer(['agent'], 'adam'),
        admin: await bearer(['admin'], 'admin'),
        auditor: await bearer(['auditor'], 'audrey'),
      };
      const calendar = await post('/api/v1/calendars', SLA_SCENARIO_CALENDAR, headers.serviceOwner);
      const service = await post('/api/v1/services', { name: 'Printing', kind: 'business', description: 'Print', ownerGroup: 'desk', supportGroup: 'desk' }, headers.serviceOwner);
      serviceId = service.body.id;
      await post(`/api/v1/services/${serviceId}/offerings`, { name: 'Gold', calendarId: calendar.body.id, slaTargets: SLA_SCENARIO_TARGETS }, headers.serviceOwner);
      const live = await post(`/api/v1/services/${serviceId}/go-live`, {}, headers.serviceOwner);
      expect(live.status).toBe(200);
      await projectionAt('incidents_catalog', live);
    });

    it("stores a caller's personal fields encrypted, and shows them to readers in clear", async () => {
      const ada = await post('/api/v1/incidents', { ...ADA, serviceId, impact: 2, urgency: 2 });
      const bob = await post('/api/v1/incidents', { ...BOB, serviceId, impact: 2, urgency: 2 });
      expect([ada.status, bob.status]).toEqual([201, 201]);
      adaIncident = ada.body.id;
      bobIncident = bob.body.id;
      const note = await post(`/api/v1/incidents/${adaIncident}/worklog`, { entry: ADA_NOTE, minutesSpent: 10 });
      expect(note.status).toBe(200);
      await projectionAt('incident_list', note);

      const stored = await appOf().get<EventStore>(STORED_EVENT_STORE).readStream(incidentStreamId(adaIncident));
      expect(stored.map((event) => event.type)).toEqual(expect.arrayContaining(['IncidentOpened', 'IncidentWorkLogged']));
      for (const trace of ADA_TRACES) expect(JSON.stringify(stored)).not.toContain(trace);

      const views = await everyView(adaIncident, 'Lovelace');
      expect(views.incident).toMatchObject(ADA);
      expect(views.search.items.map((item: { id: string }) => item.id)).toEqual([adaIncident]);
      // The history lists tracked fields (state, priority, assignment), not texts; the auditors see the work note.
      expect(views.history.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(views.auditEvents)).toContain(ADA_NOTE);
    });

    it('refuses the erasure to anyone but an admin, and a malformed subject id, as problems', async () => {
      expect((await post(`/api/v1/admin/subjects/${ADA.callerId}/erase`, {}, headers.agent)).status).toBe(403);
      const malformed = await post(`/api/v1/admin/subjects/${'x'.repeat(201)}/erase`, {}, headers.admin);
      expect([malformed.status, malformed.headers.get('content-type'), malformed.body.type]).toEqual([400, expect.stringContaining('application/problem+json'), 'urn:itsm:problem:validation']);
    });

    it("erases the caller: its fields read as erased on every route and in every rebuilt read model; the other caller's stay", async () => {
      const erased = await post(`/api/v1/admin/subjects/${ADA.callerId}/erase`, {}, headers.admin);
      expect(erased.status).toBe(202);
      expect(erased.body).toMatchObject({ subjectRef: expect.stringMatching(/^[0-9a-f]{64}$/), keysErased: 1, readModels: expect.arrayContaining(['incident_list']) });
      readModels = erased.body.readModels;
      for (const name of readModels) {
        await waitUntil(`${name} rebuilt`, async () => (await get(`/admin/projections/${name}/rebuild`, headers.admin)).body?.finishedAt ?? undefined, 60_000);
        expect((await get(`/admin/projections/${name}/rebuild`, headers.admin)).body).toMatchObject({ state: 'done', error: null });
      }

      const ada = await everyView(adaIncident, 'Lovelace');
      expect(ada.incident).toMatchObject({ callerId: ERASED_FIELD_VALUE, shortDescription: ERASED_FIELD_VALUE, description: ERASED_FIELD_VALUE, serviceId });
      expect(ada.list.items.find((item: { id: string }) => item.id === adaIncident)).toMatchObject({ shortDescription: ERASED_FIELD_VALUE });
      expect(ada.search.items).toEqual([]);
      for (const view of Object.values(ada)) for (const trace of ADA_TRACES) expect(JSON.stringify(view)).not.toContain(trace);
      expect(ada.history.items.length).toBeGreaterThan(0);
      const auditData = ada.auditEvents.items.map((item: { type: string; data: Record<string, unknown> }) => [item.type, item.data]);
      expect(auditData).toContainEqual(['IncidentOpened', expect.objectContaining({ ...ADA, callerId: ERASED_FIELD_VALUE, shortDescription: ERASED_FIELD_VALUE, description: ERASED_FIELD_VALUE })]);
      expect(auditData).toContainEqual(['IncidentWorkLogged', expect.objectContaining({ entry: ERASED_FIELD_VALUE, minutesSpent: 10 })]);

      const bob = await everyView(bobIncident, 'Babbage');
      expect(bob.incident).toMatchObject(BOB);
      expect(bob.search.items.map((item: { id: string }) => item.id)).toEqual([bobIncident]);
      expect(JSON.stringify(bob.auditEvents)).toContain(BOB.description);

      // The erasure is on record, without the subject's id.
      const record = (await get(`/api/v1/audit/events?type=SubjectErased`, headers.auditor)).body;
      expect(record.items).toEqual([expect.objectContaining({ streamId: `data-subject-${erased.body.subjectRef}`, data: expect.objectContaining({ subjectRef: erased.body.subjectRef, keysErased: 1 }) })]);
      expect(JSON.stringify(record)).not.toContain(ADA.callerId);
    });

    it('leaves the log as it was: the hash chains, the audit tree and every signed checkpoint still verify', async () => {
      const store = appOf().get<EventStore>(STORED_EVENT_STORE);
      const head = (await store.readAll({ fromPosition: -1 })).lastPosition;
      await waitUntil('a checkpoint over the whole log', async () => (await get('/api/v1/audit/checkpoints/latest', headers.auditor)).body?.treeSize >= head, 30_000);
      const verification = await appOf().get(BackgroundVerification).runOnce();
      expect(verification).toMatchObject({ ok: true, firstFailure: null });
      expect(verification.checkpoints.checked).toBeGreaterThan(0);
    });
  });
};
