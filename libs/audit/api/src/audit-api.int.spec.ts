import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { BackgroundVerification } from '@itsm/audit-application';
import { fromHex, parseNoteVerifier, verifyCheckpointNote, verifyConsistency, verifyInclusion } from '@itsm/audit-domain';
import { newId, waitUntil, type NewEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import {
  applyGatewayConventions,
  call,
  createTestDatabase,
  EVENT_STORE,
  EventStoreModule,
  GatewayModule,
  HealthModule,
  signAccessToken,
  validateRuntimeConfig,
  type Role,
  type TestDatabase,
} from '@itsm/platform-kit';
import { AuditModule } from './audit.module';

const SECRET = 'audit-api-spec-secret-at-least-32-characters';
/** ConfigModule copies the validated settings into process.env: the test server's address is kept to drop the database. */
const SERVER_URL = process.env['DATABASE_URL'];

describe('audit API (PostgreSQL server, gateway conventions, checkpointer on)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let baseUrl: string;
  let store: EventStore;
  let dataDir: string;
  let copies: string;
  const tokens: Partial<Record<Role, string>> = {};
  const get = (role: Role, path: string) => call(`${baseUrl}/api/v1/audit${path}`, { headers: { authorization: `Bearer ${tokens[role]}` } });
  const event = (type: string, actor: string, correlationId: string, index: number): NewEvent => ({
    type,
    data: { index },
    metadata: { actor: { id: actor, role: 'agent', via: 'api' }, correlationId },
  });

  beforeAll(async () => {
    database = await createTestDatabase('audit_api');
    dataDir = mkdtempSync(join(tmpdir(), 'itsm-audit-api-'));
    copies = join(dataDir, 'checkpoint-copies');
    const env = {
      LOG_LEVEL: 'silent',
      ITSM_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      ITSM_JWT_SECRET: SECRET,
      ITSM_RATE_LIMIT: '0',
      ITSM_AUDIT_CHECKPOINT_EVENTS: '10',
      ITSM_AUDIT_CHECKPOINT_SECONDS: '0',
      ITSM_AUDIT_CHECKPOINT_COPY_DIR: copies,
      ITSM_AUDIT_VERIFY_HOURS: '24',
    };

    @Module({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
        EventStoreModule,
        GatewayModule.forRoot(),
        HealthModule,
        AuditModule.forRoot(),
      ],
    })
    class AuditTestModule {}

    app = await NestFactory.create(AuditTestModule, { logger: false });
    applyGatewayConventions(app, { openApi: { title: 'Audit API' } });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    store = app.get(EVENT_STORE);
    for (const role of ['auditor', 'admin', 'agent'] as const) tokens[role] = await signAccessToken({ sub: `${role}-1`, name: role, roles: [role] }, { secret: new TextEncoder().encode(SECRET) });

    // 40 events: alice and bob on two streams, one correlation id spanning three of them.
    const streams = [`incident-${newId()}`, `service-${newId()}`];
    for (let index = 0; index < 40; index++) {
      const correlation = index >= 10 && index < 13 ? 'request-42' : newId();
      await store.appendToStream(streams[index % 2], [event(index % 5 === 0 ? 'Assigned' : 'Noted', index % 4 === 0 ? 'alice' : 'bob', correlation, index)], { expectedRevision: 'any' });
    }
    // The checkpointer signs every 10 events in the background.
    await waitUntil('the checkpoint of 40 events', async () => (await get('auditor', '/checkpoints')).body?.items?.[0]?.treeSize === 40, 20_000);
  });

  afterAll(async () => {
    await app?.close();
    if (SERVER_URL === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = SERVER_URL;
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('GET /audit/events', () => {
    it('filters by actor, type, stream and correlation id, oldest first, in cursor pages', async () => {
      const first = await get('auditor', '/events?actor=alice&limit=4');
      expect(first.status).toBe(200);
      expect(first.body.items.map((item: { data: { index: number } }) => item.data.index)).toEqual([0, 4, 8, 12]);
      expect(first.body.items[0]).toMatchObject({ globalPosition: 1, streamRevision: 0, actor: { id: 'alice' }, type: 'Assigned', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const second = await get('auditor', `/events?actor=alice&limit=4&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((item: { data: { index: number } }) => item.data.index)).toEqual([16, 20, 24, 28]);

      expect((await get('auditor', '/events?correlationId=request-42')).body.items.map((item: { data: { index: number } }) => item.data.index)).toEqual([10, 11, 12]);
      const assigned = await get('auditor', '/events?type=Assigned&limit=100');
      expect(assigned.body).toMatchObject({ nextCursor: null });
      expect(assigned.body.items).toHaveLength(8);
      const streamId = first.body.items[0].streamId;
      expect((await get('auditor', `/events?streamId=${streamId}&type=Assigned&limit=100`)).body.items.every((item: { streamId: string }) => item.streamId === streamId)).toBe(true);
    });

    it('filters by recording time', async () => {
      const all = (await get('auditor', '/events?limit=100')).body.items as { recordedAt: string }[];
      const from = all[20].recordedAt;
      const within = (await get('auditor', `/events?limit=100&from=${from}`)).body.items as { recordedAt: string }[];
      expect(within.length).toBeGreaterThanOrEqual(20);
      expect(within.every((item) => item.recordedAt >= from)).toBe(true);
      expect((await get('auditor', `/events?limit=100&to=${all[0].recordedAt}`)).body.items).toEqual([]);
    });

    it('is for auditors only, and refuses bad filters and foreign cursors with 400', async () => {
      expect((await get('admin', '/events')).status).toBe(403);
      expect((await get('agent', '/events')).status).toBe(403);
      expect((await get('auditor', '/events?from=yesterday')).body).toMatchObject({ status: 400, errors: [{ field: 'from' }] });
      expect((await get('auditor', '/events?who=alice')).status).toBe(400);
      expect((await get('auditor', '/events?cursor=bm90LWEtY3Vyc29y')).body).toMatchObject({ status: 400, errors: [{ field: 'cursor' }] });
      for (const query of ['limit=1&limit=2', 'limit=0', 'cursor=', 'from=2026-01-01T00:00:00Z&from=2026-01-02T00:00:00Z', 'actor=', `type=${'x'.repeat(201)}`, '__proto__=x']) {
        expect((await get('auditor', `/events?${query}`)).status).toBe(400);
      }
      for (const path of ['/proofs/inclusion?position=1e400', '/proofs/inclusion?position=0', '/proofs/inclusion?eventId=nope', '/proofs/consistency?from=abc', '/checkpoints/abc', '/checkpoints/0', '/checkpoints?limit=101']) {
        expect((await get('auditor', path)).status).toBe(400);
      }
    });
  });

  describe('GET /audit/checkpoints and the proofs', () => {
    it('lists the signed checkpoints, newest first, with the key that checks them, and copies each to the copy directory', async () => {
      const answer = await get('admin', '/checkpoints?limit=2');
      expect(answer.status).toBe(200);
      expect(answer.body.items.map((item: { treeSize: number }) => item.treeSize)).toEqual([40, 30]);
      const verifier = parseNoteVerifier(answer.body.verifierKey);
      expect(verifyCheckpointNote(answer.body.items[0].note, verifier, answer.body.origin)).toMatchObject({ ok: true, checkpoint: { treeSize: 40, lastPosition: 40 } });
      expect((await get('auditor', `/checkpoints?cursor=${answer.body.nextCursor}`)).body.items.map((item: { treeSize: number }) => item.treeSize)).toEqual([20, 10]);
      expect(readdirSync(copies).sort()).toEqual(['10.checkpoint', '20.checkpoint', '30.checkpoint', '40.checkpoint']);
      expect((await get('auditor', '/checkpoints/latest')).body).toMatchObject({ treeSize: 40 });
      expect((await get('auditor', '/checkpoints/20')).body).toMatchObject({ treeSize: 20, lastPosition: 20 });
      expect((await get('auditor', '/checkpoints/21')).status).toBe(404);
      expect((await get('agent', '/checkpoints')).status).toBe(403);
    });

    it('proves an event, by position or id, in the latest or a named checkpoint', async () => {
      const byPosition = await get('auditor', '/proofs/inclusion?position=7');
      expect(byPosition.body).toMatchObject({ globalPosition: 7, leafIndex: 6, treeSize: 40, verified: true });
      const { leafHash, leafIndex, treeSize, proof, checkpoint } = byPosition.body;
      expect(verifyInclusion(fromHex(leafHash), leafIndex, treeSize, proof.map(fromHex), fromHex(checkpoint.rootHash))).toBe(true);

      const byId = await get('auditor', `/proofs/inclusion?eventId=${byPosition.body.eventId}&treeSize=10`);
      expect(byId.body).toMatchObject({ globalPosition: 7, treeSize: 10, verified: true });
      expect((await get('auditor', '/proofs/inclusion?position=17&treeSize=10')).status).toBe(404);
      expect((await get('auditor', '/proofs/inclusion?position=999')).status).toBe(404);
      expect((await get('auditor', '/proofs/inclusion')).status).toBe(400);
    });

    it('proves that a later checkpoint extends an earlier one', async () => {
      const answer = await get('auditor', '/proofs/consistency?from=10&to=30');
      expect(answer.body).toMatchObject({ from: { treeSize: 10 }, to: { treeSize: 30 }, verified: true });
      expect(verifyConsistency(10, 30, fromHex(answer.body.from.rootHash), fromHex(answer.body.to.rootHash), answer.body.proof.map(fromHex))).toBe(true);
      expect((await get('auditor', '/proofs/consistency?from=10')).body).toMatchObject({ to: { treeSize: 40 }, verified: true });
      expect((await get('auditor', '/proofs/consistency?from=30&to=10')).status).toBe(404);
      expect((await get('auditor', '/proofs/consistency')).status).toBe(400);
    });
  });

  describe('GET /audit/verify', () => {
    it('answers 404 until a verification ran, then its result', async () => {
      expect((await get('auditor', '/verify')).status).toBe(404);
      await app.get(BackgroundVerification).runOnce();
      const answer = await get('admin', '/verify');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ source: 'platform', ok: true, result: { ok: true, events: 40, checkpoints: { found: 4, checked: 4, signaturesChecked: true }, recordedLeavesChecked: 40 } });
    });
  });

  describe('GET /audit/controls', () => {
    it('reports the control findings from the log, citing their events, for auditors only, and follows later events', async () => {
      const incident = `incident-${newId()}`;
      const as = (id: string, role?: string) => ({ actor: { id, ...(role ? { role } : {}), via: 'api' }, correlationId: newId() });
      const appended = await store.appendToStream(
        incident,
        [
          { type: 'IncidentOpened', data: { incidentId: incident, number: 'INC0000077', state: 'new' }, metadata: as('agent-ann', 'agent') },
          { type: 'IncidentWorkLogged', data: { incidentId: incident, minutesSpent: 20 }, metadata: as('root', 'admin') },
          { type: 'SlaBreached', data: { incidentId: incident, kind: 'resolution', dueAt: '2026-11-02T09:00:00.000Z', breachedAt: '2026-11-02T09:00:00.000Z' }, metadata: as('sla-engine') },
        ],
        { expectedRevision: 'no-stream' },
      );
      const [opened, workLogged, breached] = await store.readStream(incident);
      expect(appended.nextExpectedRevision).toBe(2);

      expect((await get('admin', '/controls')).status).toBe(403);
      expect((await get('agent', '/controls')).status).toBe(403);
      const answer = await get('auditor', '/controls');
      expect(answer.status).toBe(200);
      expect(answer.body.eventsRead).toBe(43);
      expect(answer.body.findings).toEqual([
        expect.objectContaining({ control: 'sla-breach-without-escalation', number: 'INC0000077', eventIds: [opened.eventId, breached.eventId] }),
        expect.objectContaining({ control: 'work-logged-without-agent-role', number: 'INC0000077', eventIds: [workLogged.eventId] }),
      ]);
      expect(answer.body.controls.map((control: { id: string; findings: number }) => control.findings)).toEqual([1, 1, 0, 0, 0]);

      await store.appendToStream(incident, [{ type: 'IncidentEscalated', data: { incidentId: incident, kind: 'hierarchical', fromLevel: 0, toLevel: 1 }, metadata: as('agent-ann', 'agent') }], { expectedRevision: 2 });
      const later = await get('auditor', '/controls');
      expect(later.body.eventsRead).toBe(44);
      expect(later.body.findings.map((finding: { control: string }) => finding.control)).toEqual(['work-logged-without-agent-role']);
    });
  });

  describe('GET /audit/records/:reference', () => {
    it('answers a record\'s timeline by number or stream id, up to asOf, for auditors only; 404 for an unknown record, 400 for a bad one', async () => {
      const byNumber = await get('auditor', '/records/INC0000077');
      expect(byNumber.status).toBe(200);
      expect(byNumber.body).toMatchObject({ reference: 'INC0000077', number: 'INC0000077', asOf: null, chain: { ok: true } });
      expect(byNumber.body.entries.map((entry: { type: string }) => entry.type)).toEqual(['IncidentOpened', 'IncidentWorkLogged', 'SlaBreached', 'IncidentEscalated']);
      expect(byNumber.body.entries[1]).toMatchObject({ revision: 1, actor: { id: 'root', role: 'admin' }, changes: { minutesSpent: 20 } });
      const byStream = await get('auditor', `/records/${byNumber.body.streamId}?asOf=${encodeURIComponent(byNumber.body.entries[0].recordedAt)}`);
      expect(byStream.status).toBe(200);
      expect(byStream.body.entries.length).toBeGreaterThanOrEqual(1);
      expect(byStream.body.entries.length).toBeLessThan(4);

      expect((await get('admin', '/records/INC0000077')).status).toBe(403);
      expect((await get('auditor', '/records/INC0009999')).status).toBe(404);
      expect((await get('auditor', '/records/INC0000077?asOf=yesterday')).status).toBe(400);
      expect((await get('auditor', '/records/%20x')).status).toBe(400);
    });
  });
});
