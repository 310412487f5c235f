import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditCheckpointer, CheckpointCopies, resolveAuditSigner, SqlAuditTree } from '@itsm/audit-application';
import { noteSignerFromSeed } from '@itsm/audit-domain';
import { newId, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { createPgExecutor, createPostgresEventStore } from '@itsm/event-store';
import { createTestDatabase, validateRuntimeConfig, type TestDatabase } from '@itsm/platform-kit';
import { UsageError } from '../cli/exit-codes';
import { createProgram } from '../program';
import { serverLogEnv } from '../testing/server-log-env';
import { runAuditExport } from './export.command';

/** Incidents in the log: each opened, assigned, worked on (and some breached, escalated, logged by an admin). */
const INCIDENTS = 150;
const agent = { id: 'agent-ann', role: 'agent', via: 'api' };
const event = (type: string, data: Record<string, unknown>, actor: NewEvent['metadata']['actor'] = agent): NewEvent => ({ type, data, metadata: { actor, correlationId: newId() } });

/** What an incident's life writes, as the contracts name it (the controls read these types). */
const incidentLife = (index: number): NewEvent[] => {
  const incidentId = newId();
  const number = `INC${String(index + 1).padStart(7, '0')}`;
  const events = [
    event('IncidentOpened', { incidentId, number, shortDescription: `Printer ${index} jammed`, description: 'é "quoted" \n line', impact: 2, urgency: 2, priority: 'P3', state: 'new' }),
    event('IncidentAssigned', { incidentId, assignmentGroup: 'desk', assignee: 'agent-ann', state: 'assigned' }),
    event('IncidentWorkLogged', { incidentId, entryId: newId(), entry: 'looked at it', minutesSpent: 15 + (index % 7), loggedBy: 'agent-ann' }),
  ];
  if (index % 10 === 3) events.push(event('SlaBreached', { incidentId, kind: 'resolution', dueAt: '2026-11-02T09:00:00.000Z', breachedAt: '2026-11-02T09:00:00.000Z' }, { id: 'sla-engine' }));
  if (index % 20 === 3) events.push(event('IncidentEscalated', { incidentId, kind: 'hierarchical', fromLevel: 0, toLevel: 1, reason: 'late' }));
  if (index === 42) events.push(event('IncidentWorkLogged', { incidentId, entryId: newId(), entry: 'fixed it myself', minutesSpent: 30, loggedBy: 'root' }, { id: 'root', role: 'admin', via: 'api' }));
  return events;
};

/**
 * `itsm export --audit` on the PostgreSQL server (DATABASE_URL): a log of incident lives with the audit tree and
 * signed checkpoints (the checkpointer, every 100 events), then the export, and its standalone verifier run with
 * `node` as a child process on fresh copies of it: as exported, with a byte changed, with a line deleted.
 */
describe('itsm export --audit and the standalone verifier (PostgreSQL server)', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let exported: string;
  let verifierKey: string;
  let signedEvents: number;
  const access = () => ({ env, quiet: true, progressBar: false });

  beforeAll(async () => {
    database = await createTestDatabase('cli_audit_export');
    folder = mkdtempSync(join(tmpdir(), 'itsm-audit-export-'));
    env = serverLogEnv(database.url, folder);
    const store = await createPostgresEventStore({ connectionString: database.url });
    const db = createPgExecutor({ connectionString: database.url, max: 2 });
    try {
      for (let index = 0; index < INCIDENTS; index++) await store.appendToStream(`incident-${newId()}`, incidentLife(index), { expectedRevision: 'no-stream' });
      const settings = validateRuntimeConfig(env);
      const signer = resolveAuditSigner(settings);
      verifierKey = signer.verifier.text;
      const last = await new AuditCheckpointer({ store, tree: new SqlAuditTree(db), signer, origin: settings.ITSM_AUDIT_ORIGIN, everyEvents: 100, copies: new CheckpointCopies(join(folder, 'copies')) }).catchUp();
      signedEvents = last?.treeSize ?? 0;
      // Appended after the last checkpoint: no signature covers them yet.
      for (let index = INCIDENTS; index < INCIDENTS + 2; index++) await store.appendToStream(`incident-${newId()}`, incidentLife(index), { expectedRevision: 'no-stream' });
    } finally {
      await store.close();
      await db.close();
    }
    exported = join(folder, 'export');
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** A fresh copy of the export, as an auditor receives it. */
  const copyOfExport = (): string => {
    const copy = join(mkdtempSync(join(folder, 'copy-')), 'export');
    cpSync(exported, copy, { recursive: true });
    return copy;
  };
  /** `node verify.mjs …` in another directory, as a child process. */
  const verify = (dir: string, ...args: string[]) => {
    const run = spawnSync(process.execPath, [join(dir, 'verify.mjs'), ...args], { cwd: tmpdir(), encoding: 'utf8', env: { PATH: process.env['PATH'] } });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const linesOf = (dir: string) => readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n').slice(0, -1);
  const eventsOf = (dir: string): RecordedEvent[] => linesOf(dir).map((line) => JSON.parse(line));

  it('writes the events up to the latest checkpoint, the checkpoints with proofs, the key, controls, the specification, verify.mjs and VERIFY.md', async () => {
    const summary = await runAuditExport({ ...access(), out: exported });
    expect(readdirSync(exported).sort()).toEqual(['HASHING.md', 'VERIFY.md', 'checkpoints.jsonl', 'controls.json', 'events.jsonl', 'manifest.json', 'test-vectors.json', 'verifier-key.txt', 'verify-hashing.cjs', 'verify.mjs']);
    expect(existsSync(`${exported}.partial`)).toBe(false);
    expect(summary.manifest).toMatchObject({ events: signedEvents, signedEvents, unsignedEvents: 0, firstPosition: 1, lastPosition: signedEvents, verifierKey });
    expect(linesOf(exported)).toHaveLength(signedEvents);
    const checkpoints = readFileSync(join(exported, 'checkpoints.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(checkpoints.map((checkpoint) => checkpoint.treeSize)).toEqual([...Array.from({ length: Math.floor(signedEvents / 100) }, (_, i) => (i + 1) * 100), ...(signedEvents % 100 ? [signedEvents] : [])]);
    expect(checkpoints[0].consistency).toBeNull();
    expect(checkpoints[1].consistency).toMatchObject({ fromTreeSize: 100, verifiedByExporter: true });
    expect(readFileSync(join(exported, 'verifier-key.txt'), 'utf8').trim()).toBe(verifierKey);
    expect(readFileSync(join(exported, 'HASHING.md'), 'utf8')).toContain('## 5. Test vectors');
    // The verifier imports node: built-ins and the hashing shipped beside it, which requires node: built-ins only.
    expect(readFileSync(join(exported, 'verify.mjs'), 'utf8')).not.toMatch(/from '(?!node:|\.\/verify-hashing\.cjs')/);
    expect(readFileSync(join(exported, 'verify-hashing.cjs'), 'utf8')).not.toMatch(/require\('(?!node:)/);

    // The controls over the same events, each finding citing the events that prove it.
    const controls = JSON.parse(readFileSync(join(exported, 'controls.json'), 'utf8'));
    const byId = new Map(eventsOf(exported).map((recorded) => [recorded.eventId, recorded]));
    const breaches = controls.findings.filter((finding: { control: string }) => finding.control === 'sla-breach-without-escalation');
    // Incidents 3, 13, 23 … breached; 3, 23, 43 … were escalated as well.
    expect(breaches).toHaveLength(Math.ceil((INCIDENTS - 3) / 10) - Math.ceil((INCIDENTS - 3) / 20));
    expect(breaches[0]).toMatchObject({ number: 'INC0000014' });
    expect(breaches[0].eventIds.map((id: string) => byId.get(id)?.type)).toEqual(['IncidentOpened', 'SlaBreached']);
    const [byAdmin, ...others] = controls.findings.filter((finding: { control: string }) => finding.control === 'work-logged-without-agent-role');
    expect(others).toEqual([]);
    expect(byId.get(byAdmin.eventIds[0])).toMatchObject({ type: 'IncidentWorkLogged', actor: { id: 'root', role: 'admin' } });
    const guide = readFileSync(join(exported, 'VERIFY.md'), 'utf8');
    expect(guide).toContain(verifierKey);
    expect(guide).toContain(`| Incidents that breached an SLA without an escalation | ${breaches.length} |`);
    expect(guide).toContain(`events ${byAdmin.eventIds[0]}`);
  });

  it('is accepted by its standalone verifier on a fresh copy, with the shipped key, the published key and its self-test', () => {
    const copy = copyOfExport();
    const plain = verify(copy);
    expect(plain.stderr).toBe('');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain(`OK: ${signedEvents} events in ${INCIDENTS} streams`);
    const withKey = verify(copy, '--key', verifierKey, '--json');
    expect(withKey.status).toBe(0);
    expect(JSON.parse(withKey.stdout)).toMatchObject({ ok: true, events: signedEvents, streams: INCIDENTS, checkpoints: Math.ceil(signedEvents / 100), unsignedEvents: 0, verifierKey });
    expect(verify(copy, '--self-test').status).toBe(0);
  });

  it('rejects a one-byte change in an event line, naming its line, position, stream and event', () => {
    const copy = copyOfExport();
    const lines = linesOf(copy);
    const index = lines.findIndex((line, at) => at > 200 && line.includes('"minutesSpent":15'));
    const target = JSON.parse(lines[index]) as RecordedEvent;
    lines[index] = lines[index].replace('"minutesSpent":15', '"minutesSpent":16');
    writeFileSync(join(copy, 'events.jsonl'), `${lines.join('\n')}\n`);

    const text = verify(copy);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`FAILED at events.jsonl line ${index + 1}, position ${target.globalPosition}, stream ${target.streamId} revision ${target.streamRevision}, event ${target.eventId}: hash-mismatch`);
    expect(JSON.parse(verify(copy, '--json').stdout)).toMatchObject({ ok: false, reason: 'hash-mismatch', line: index + 1, globalPosition: target.globalPosition });
    // A member added to a line is not covered by any hash: refused too.
    const added = copyOfExport();
    const original = linesOf(added);
    original[index] = original[index].replace(/}$/, ',"approvedBy":"ceo"}');
    writeFileSync(join(added, 'events.jsonl'), `${original.join('\n')}\n`);
    expect(JSON.parse(verify(added, '--json').stdout)).toMatchObject({ ok: false, reason: 'malformed-event', line: index + 1, detail: expect.stringContaining('approvedBy') });
  });

  it('rejects a deleted line: inside a stream as a revision gap, the last of its stream by the checkpoint\'s root', () => {
    const inside = copyOfExport();
    const lines = linesOf(inside);
    const events = eventsOf(inside);
    // An event in the middle of its stream (revision 1 of at least 3).
    const middle = events.findIndex((recorded, at) => at > 100 && recorded.streamRevision === 1);
    writeFileSync(join(inside, 'events.jsonl'), `${[...lines.slice(0, middle), ...lines.slice(middle + 1)].join('\n')}\n`);
    const gap = verify(inside, '--json');
    expect(gap.status).toBe(1);
    // The line that took its place holds revision 2 of the same stream.
    expect(JSON.parse(gap.stdout)).toMatchObject({ ok: false, reason: 'revision-gap', line: middle + 1, streamId: events[middle].streamId, streamRevision: 2 });

    const last = copyOfExport();
    const index = events.findIndex((recorded, at) => at > 150 && events.slice(at + 1).every((later) => later.streamId !== recorded.streamId) && at < events.length - 1);
    writeFileSync(join(last, 'events.jsonl'), `${[...lines.slice(0, index), ...lines.slice(index + 1)].join('\n')}\n`);
    const root = verify(last);
    expect(root.status).toBe(1);
    expect(root.stdout).toMatch(/FAILED at events\.jsonl line \d+, .*checkpoint of \d+ events \(checkpoints\.jsonl line \d+\): checkpoint-root-mismatch/);
  });

  it('rejects a checkpoint changed or signed by another key, and a --key that is not the shipped one', () => {
    const copy = copyOfExport();
    const checkpoints = readFileSync(join(copy, 'checkpoints.jsonl'), 'utf8').split('\n');
    checkpoints[1] = checkpoints[1].replace(/\\n200\\n/, '\\n201\\n');
    writeFileSync(join(copy, 'checkpoints.jsonl'), checkpoints.join('\n'));
    const changed = verify(copy, '--json');
    expect(changed.status).toBe(1);
    expect(JSON.parse(changed.stdout)).toMatchObject({ reason: 'checkpoint-signature', file: 'checkpoints.jsonl', line: 2 });

    const other = noteSignerFromSeed('other.example/audit', Buffer.alloc(32, 9)).verifier.text;
    const wrongKey = verify(copyOfExport(), '--key', other);
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stdout).toContain('verifier-key');
  });

  it('fails its self-test when a test vector is not what its hashing computes', () => {
    const copy = copyOfExport();
    const vectors = JSON.parse(readFileSync(join(copy, 'test-vectors.json'), 'utf8'));
    vectors.events[1].chainHash = vectors.events[0].chainHash;
    writeFileSync(join(copy, 'test-vectors.json'), JSON.stringify(vectors));
    const run = verify(copy, '--self-test');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('chain hash of event #1');
  });

  it('exports the unsigned tail on request (the verifier warns, or fails with --require-signed), and refuses CSV or bounds', async () => {
    const out = join(folder, 'with-tail');
    const summary = await runAuditExport({ ...access(), out, unsignedTail: true });
    expect(summary.manifest).toMatchObject({ signedEvents, unsignedEvents: incidentLife(INCIDENTS).length + incidentLife(INCIDENTS + 1).length });
    const warned = verify(out);
    expect(warned.status).toBe(0);
    expect(warned.stdout).toContain(`WARNING: the last ${summary.manifest.unsignedEvents} events are after the last signed checkpoint`);
    expect(JSON.parse(verify(out, '--require-signed', '--json').stdout)).toMatchObject({ ok: false, reason: 'unsigned-tail', line: signedEvents + 1 });

    await expect(runAuditExport({ ...access(), out })).rejects.toThrow(/not empty/);
    const program = createProgram().exitOverride();
    const previous = process.env;
    process.env = env;
    try {
      await expect(program.parseAsync(['node', 'itsm', 'export', '--audit', '--out', join(folder, 'x'), '--format', 'csv'])).rejects.toThrow(UsageError);
      await expect(createProgram().exitOverride().parseAsync(['node', 'itsm', 'export', '--out', join(folder, 'y.jsonl'), '--unsigned-tail'])).rejects.toThrow(UsageError);
    } finally {
      process.env = previous;
    }
  });
});
