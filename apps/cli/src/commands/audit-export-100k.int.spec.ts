import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditCheckpointer, resolveAuditSigner, SqlAuditTree } from '@itsm/audit-application';
import { newId, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { createPgExecutor, createPostgresEventStore, type StreamAppend } from '@itsm/event-store';
import { createTestDatabase, validateRuntimeConfig, type TestDatabase } from '@itsm/platform-kit';
import { serverLogEnv } from '../testing/server-log-env';
import { runAuditExport } from './export.command';

const EVENTS = 100_000;
const EVENTS_PER_STREAM = 50;
/** Streams per multi-stream append: 1,000 events per commit keeps the seeding to a few seconds. */
const STREAMS_PER_APPEND = 20;
const CHECKPOINT_EVERY = 10_000;

const actor = { id: 'agent-ann', role: 'agent', via: 'api' };
const workLogged = (incidentId: string, index: number): NewEvent => ({
  type: 'IncidentWorkLogged',
  data: { incidentId, entryId: newId(), entry: `step ${index} of the fix`, minutesSpent: 5 + (index % 11), loggedBy: 'agent-ann' },
  metadata: { actor, correlationId: newId() },
});
const streamOf = (): StreamAppend => {
  const incidentId = newId();
  return { streamId: `incident-${incidentId}`, events: Array.from({ length: EVENTS_PER_STREAM }, (_, index) => workLogged(incidentId, index)), expectedRevision: 'no-stream' };
};

/**
 * Issue 12's "done when": the standalone verifier accepts a fresh export of 100,000 events and rejects a one-byte
 * change. The log is written on the PostgreSQL server in multi-stream appends, signed by the checkpointer, exported
 * with `itsm export --audit`, copied to a fresh folder and checked there with plain `node verify.mjs`.
 */
describe('the standalone verifier on an audit export of 100,000 events (PostgreSQL server)', () => {
  jest.setTimeout(300_000);
  let database: TestDatabase;
  let folder: string;
  let exported: string;
  let checkpoints: number;

  beforeAll(async () => {
    database = await createTestDatabase('cli_audit_export_100k');
    folder = mkdtempSync(join(tmpdir(), 'itsm-audit-export-100k-'));
    const env = serverLogEnv(database.url, folder);
    const store = await createPostgresEventStore({ connectionString: database.url });
    const db = createPgExecutor({ connectionString: database.url, max: 2 });
    try {
      const append = store.appendToStreams?.bind(store);
      if (!append) throw new Error('the PostgreSQL store appends to several streams at once');
      for (let written = 0; written < EVENTS; written += EVENTS_PER_STREAM * STREAMS_PER_APPEND) {
        await append(Array.from({ length: STREAMS_PER_APPEND }, streamOf));
      }
      const settings = validateRuntimeConfig(env);
      await new AuditCheckpointer({ store, tree: new SqlAuditTree(db), signer: resolveAuditSigner(settings), origin: settings.ITSM_AUDIT_ORIGIN, everyEvents: CHECKPOINT_EVERY }).catchUp();
    } finally {
      await store.close();
      await db.close();
    }
    exported = join(folder, 'export');
    const summary = await runAuditExport({ env, quiet: true, progressBar: false, out: exported });
    expect(summary.manifest).toMatchObject({ events: EVENTS, signedEvents: EVENTS, unsignedEvents: 0 });
    checkpoints = summary.manifest.checkpoints;
    expect(checkpoints).toBeGreaterThanOrEqual(EVENTS / CHECKPOINT_EVERY);
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** A fresh copy of the export in a folder of its own, as an auditor receives it. */
  const copyOfExport = (): string => {
    const copy = join(mkdtempSync(join(tmpdir(), 'itsm-auditor-')), 'export');
    cpSync(exported, copy, { recursive: true });
    return copy;
  };
  /** Plain `node verify.mjs --json` run from elsewhere, with no environment of ours. */
  const verify = (dir: string) => {
    const run = spawnSync(process.execPath, [join(dir, 'verify.mjs'), '--json', '--no-progress'], { cwd: tmpdir(), encoding: 'utf8', env: { PATH: process.env['PATH'] } });
    return { status: run.status, result: JSON.parse(run.stdout), stderr: run.stderr };
  };

  it('accepts the export as written', () => {
    const copy = copyOfExport();
    try {
      const { status, result, stderr } = verify(copy);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(result).toMatchObject({ ok: true, events: EVENTS, streams: EVENTS / EVENTS_PER_STREAM, checkpoints, unsignedEvents: 0 });
    } finally {
      rmSync(join(copy, '..'), { recursive: true, force: true });
    }
  });

  it('rejects the export with one byte of one event line changed, naming the line and position', () => {
    const copy = copyOfExport();
    try {
      const file = join(copy, 'events.jsonl');
      const bytes = readFileSync(file);
      // Line 73,456: the digit of "step N" in its work-log entry, a byte that keeps the line valid JSON.
      const lineNumber = 73_456;
      let start = 0;
      for (let line = 1; line < lineNumber; line++) start = bytes.indexOf(0x0a, start) + 1;
      const end = bytes.indexOf(0x0a, start);
      const target = JSON.parse(bytes.subarray(start, end).toString('utf8')) as RecordedEvent;
      const at = bytes.indexOf('"step ', start) + '"step '.length;
      expect(at).toBeLessThan(end);
      bytes[at] = bytes[at] === 0x39 ? 0x38 : bytes[at] + 1;
      writeFileSync(file, bytes);

      const { status, result } = verify(copy);
      expect(status).toBe(1);
      expect(result).toMatchObject({
        ok: false,
        reason: 'hash-mismatch',
        file: 'events.jsonl',
        line: lineNumber,
        globalPosition: target.globalPosition,
        streamId: target.streamId,
        eventId: target.eventId,
      });
    } finally {
      rmSync(join(copy, '..'), { recursive: true, force: true });
    }
  });
});
