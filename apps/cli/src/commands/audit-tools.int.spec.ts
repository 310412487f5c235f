import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditCheckpointer, CheckpointCopies, resolveAuditSigner, SqlAuditTree, SqlVerificationRuns } from '@itsm/audit-application';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { createPgExecutor, createPostgresEventStore } from '@itsm/event-store';
import { createTestDatabase, validateRuntimeConfig, type TestDatabase } from '@itsm/platform-kit';
import { createProgram } from '../program';
import { EXIT } from '../cli/exit-codes';
import { runAudit } from './audit.command';
import { runExport } from './export.command';
import { runRebuild } from './rebuild.command';
import { runVerify } from './verify.command';

const actor = (id: string) => ({ id, role: 'agent', via: 'api' });
const event = (type: string, data: Record<string, unknown>, who = 'alice', correlationId: string = newId()): NewEvent => ({ type, data, metadata: { actor: actor(who), correlationId } });

/**
 * The operators' audit commands on the PostgreSQL server (DATABASE_URL), as the single-host shape runs them: a
 * log with two numbered records, the audit tree and checkpoints written by the checkpointer, then `itsm audit`,
 * `verify`, `export` and `rebuild`, and `verify` again after the log was changed behind the store.
 */
describe('itsm audit, verify, export and rebuild (PostgreSQL server)', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  const incidentId = newId();
  const access = () => ({ env, quiet: true, progressBar: false });

  beforeAll(async () => {
    database = await createTestDatabase('cli_audit');
    folder = mkdtempSync(join(tmpdir(), 'itsm-cli-audit-'));
    env = { ...process.env, DATABASE_URL: database.url, ITSM_DATA_DIR: join(folder, 'data'), ITSM_AUDIT_CHECKPOINT_COPY_DIR: join(folder, 'copies'), LOG_LEVEL: 'silent' };
    delete env['EVENTSTORE_URL'];
    delete env['ITSM_AUDIT_SIGNING_KEY'];
    const store = await createPostgresEventStore({ connectionString: database.url });
    const db = createPgExecutor({ connectionString: database.url, max: 2 });
    try {
      const incident = `incident-${incidentId}`;
      await store.appendToStream(incident, [event('IncidentOpened', { number: 'INC0000001', shortDescription: 'Mail down', impact: 2 })], { expectedRevision: 'no-stream' });
      await store.appendToStream(`service-${newId()}`, [event('ServiceRegistered', { number: 'SVC0000001', name: 'Email' }, 'owner')], { expectedRevision: 'no-stream' });
      for (let index = 0; index < 60; index++) {
        await store.appendToStream(`incident-${newId()}`, [event('IncidentOpened', { index })], { expectedRevision: 'no-stream' });
        if (index % 20 === 0) await store.appendToStream(incident, [event('IncidentWorkLogged', { minutesSpent: index, note: 'checked the "queue", again' }, 'bob', 'request-7')], { expectedRevision: 'any' });
      }
      await store.appendToStream(incident, [event('IncidentResolved', { code: 'fixed' }, 'bob', 'request-7')], { expectedRevision: 'any' });
      // What the platform's checkpointer does while it runs: the tree and signed checkpoints, with the data directory's key.
      const settings = validateRuntimeConfig(env);
      await new AuditCheckpointer({ store, tree: new SqlAuditTree(db), signer: resolveAuditSigner(settings), origin: settings.ITSM_AUDIT_ORIGIN, everyEvents: 25, copies: new CheckpointCopies(join(folder, 'copies')) }).catchUp();
    } finally {
      await store.close();
      await db.close();
    }
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Runs `itsm <args>` in process: what it writes on stdout and the exit code it sets. */
  const itsm = async (...args: string[]) => {
    const writes: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const previous = { env: process.env, exitCode: process.exitCode };
    process.env = env;
    process.exitCode = undefined;
    try {
      await createProgram().exitOverride().parseAsync(['node', 'itsm', ...args]);
      return { stdout: writes.join(''), exitCode: process.exitCode ?? EXIT.ok };
    } finally {
      write.mockRestore();
      process.env = previous.env;
      process.exitCode = previous.exitCode;
    }
  };

  describe('itsm audit', () => {
    it('shows the whole timeline of a record found by its number: when, who, what, ids', async () => {
      const timeline = await runAudit('INC0000001', access());
      expect(timeline).toMatchObject({ streamId: `incident-${incidentId}`, number: 'INC0000001', chain: { ok: true } });
      expect(timeline.entries.map((entry) => [entry.revision, entry.type, entry.actor.id])).toEqual([
        [0, 'IncidentOpened', 'alice'],
        [1, 'IncidentWorkLogged', 'bob'],
        [2, 'IncidentWorkLogged', 'bob'],
        [3, 'IncidentWorkLogged', 'bob'],
        [4, 'IncidentResolved', 'bob'],
      ]);
      expect(timeline.entries[4]).toMatchObject({ correlationId: 'request-7', causationId: null, changes: { code: 'fixed' }, eventId: expect.any(String), globalPosition: expect.any(Number) });

      const { stdout, exitCode } = await itsm('audit', 'inc0000001');
      expect(exitCode).toBe(EXIT.ok);
      expect(stdout).toContain(`INC0000001 (incident-${incidentId}): 5 events`);
      expect(stdout).toMatch(/#4 {2}\S+Z {2}bob as agent via api {2}IncidentResolved v1\n {4}code="fixed"\n {4}position \d+ {2}event \S+ {2}correlation request-7 {2}causation -/);
      expect(stdout).toContain('hash chain: intact');
    });

    it('finds a record by stream id or uuid, stops at --as-of, and says when there is none', async () => {
      const full = await runAudit(`incident-${incidentId}`, access());
      expect((await runAudit(incidentId, access())).entries).toHaveLength(5);
      expect((await runAudit('SVC0000001', access())).entries[0]).toMatchObject({ type: 'ServiceRegistered', actor: { id: 'owner' } });
      expect((await runAudit(incidentId, { ...access(), asOf: new Date(full.entries[1].recordedAt) })).entries).toHaveLength(2);
      await expect(runAudit('INC0000999', access())).rejects.toThrow('no record INC0000999 in the log');
    });
  });

  describe('itsm export', () => {
    it('writes JSON Lines of the events as recorded, between two positions', async () => {
      const out = join(folder, 'events.jsonl');
      const summary = await runExport({ ...access(), out, format: 'jsonl', from: { position: 3 }, to: { position: 12 } });
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
      expect(summary).toMatchObject({ events: 10, firstPosition: 3, lastPosition: 12 });
      expect(lines.map((line) => line.globalPosition)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(Object.keys(lines[0])).toEqual(['globalPosition', 'streamId', 'streamRevision', 'eventId', 'type', 'schemaVersion', 'occurredAt', 'recordedAt', 'actor', 'correlationId', 'causationId', 'traceparent', 'hash', 'data']);
      await expect(runExport({ ...access(), out, format: 'jsonl' })).rejects.toThrow(/exists already/);
    });

    it('writes CSV with a header and quoted fields, between two recording times', async () => {
      const out = join(folder, 'events.csv');
      const timeline = await runAudit('INC0000001', access());
      const summary = await runExport({ ...access(), out, format: 'csv', from: { time: new Date(timeline.entries[1].recordedAt) }, to: { time: new Date(timeline.entries[4].recordedAt) } });
      const rows = readFileSync(out, 'utf8').split('\r\n');
      expect(rows[0]).toBe('globalPosition,streamId,streamRevision,eventId,type,schemaVersion,occurredAt,recordedAt,actorId,actorRole,actorVia,correlationId,causationId,traceparent,hash,data');
      expect(summary.events).toBe(rows.length - 2);
      expect(rows).toContainEqual(expect.stringContaining(',IncidentWorkLogged,1,'));
      expect(rows.find((row) => row.includes('IncidentWorkLogged'))).toContain('"{""note"":""checked the \\""queue\\"", again"",""minutesSpent"":0}"');
    });
  });

  describe('itsm rebuild', () => {
    it('rebuilds a projection the platform hosts, and refuses unknown names as a usage error', async () => {
      const [result] = await runRebuild(['stream_heads'], access());
      expect(result).toMatchObject({ projection: 'stream_heads', state: 'done', done: 63 + 3 });
      await expect(runRebuild(['no_such_projection'], access())).rejects.toThrow(/no projection no_such_projection/);
      await expect(runRebuild([], access())).rejects.toThrow(/--all/);
    });
  });

  describe('itsm verify', () => {
    it('verifies the log against the audit tree and the signed checkpoints (copies too), and records the result', async () => {
      const result = await runVerify(access());
      expect(result).toMatchObject({ ok: true, events: 66, lastPosition: 66, recordedLeavesChecked: 66, checkpoints: { found: 3, checked: 3, signaturesChecked: true, copies: join(folder, 'copies') } });
      const db = createPgExecutor({ connectionString: database.url, max: 1 });
      try {
        expect(await new SqlVerificationRuns(db, new SqlAuditTree(db).tables).latest()).toMatchObject({ source: 'itsm verify', ok: true });
      } finally {
        await db.close();
      }
      expect((await runVerify({ ...access(), stream: `incident-${incidentId}` })).recordedLeavesChecked).toBe(5);
      expect((await runVerify({ ...access(), from: 30 })).events).toBe(37);
    });

    it('names the exact position of an event changed behind the store, and exits with 3', async () => {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query('ALTER TABLE event_store.events DISABLE TRIGGER events_refuse_update_delete');
        await client.query(`UPDATE event_store.events SET data = jsonb_set(data, '{code}', '"not fixed"'), canonical_data = jsonb_set(data, '{code}', '"not fixed"')::text WHERE type = 'IncidentResolved'`);
        await client.query('ALTER TABLE event_store.events ENABLE TRIGGER events_refuse_update_delete');
      } finally {
        await client.end();
      }
      const resolved = (await runAudit('INC0000001', access())).entries[4];

      const { stdout, exitCode } = await itsm('verify');
      expect(exitCode).toBe(EXIT.verificationFailed);
      expect(stdout).toContain(`VERIFY FAILED at position ${resolved.globalPosition} (incident-${incidentId}@4, event ${resolved.eventId}): hash-mismatch`);
      const json = JSON.parse((await itsm('verify', '--json', '--no-record')).stdout);
      expect(json).toMatchObject({ ok: false, firstFailure: { reason: 'hash-mismatch', globalPosition: resolved.globalPosition, streamId: `incident-${incidentId}`, streamRevision: 4 } });
      expect((await itsm('audit', 'INC0000001')).exitCode).toBe(EXIT.verificationFailed);
    });
  });
});
