import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditCheckpointer, resolveAuditSigner, SqlAuditTree } from '@itsm/audit-application';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { openEventLog, validateRuntimeConfig } from '@itsm/platform-kit';
import { runControls } from './controls.command';
import { runAuditExport } from './export.command';
import { runSeedIncidents } from './seed.command';

const envOf = (dataDir: string): NodeJS.ProcessEnv => {
  const vars: NodeJS.ProcessEnv = { ...process.env, ITSM_DATA_DIR: dataDir, ITSM_EMBEDDED_ENGINE: 'pglite', LOG_LEVEL: 'silent' };
  delete vars['DATABASE_URL'];
  delete vars['EVENTSTORE_URL'];
  delete vars['ITSM_AUDIT_SIGNING_KEY'];
  return vars;
};

/**
 * The control checks on events written by the contexts' own handlers: `itsm seed incidents` runs the incident
 * commands (with their SLA timers) on a PGlite data folder; `itsm controls` and the audit export's
 * controls.json must report exactly the incidents the log shows breached and never escalated, and the export of
 * that log must pass its standalone verifier.
 */
describe('itsm controls and the audit export over seeded incidents (PGlite data folder)', () => {
  jest.setTimeout(240_000);
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let events: RecordedEvent[];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-controls-'));
    env = envOf(join(folder, 'data'));
    await runSeedIncidents({ count: 60, services: 3, batch: 4, append: 'per-incident', progressBar: false, quiet: true }, env);
    const settings = validateRuntimeConfig(env);
    const log = await openEventLog(settings);
    try {
      events = (await log.store.readAll({ maxCount: 100_000 })).events;
      // What the platform's checkpointer does while it runs.
      await new AuditCheckpointer({ store: log.storedStore, tree: new SqlAuditTree(log.db), signer: resolveAuditSigner(settings), origin: settings.ITSM_AUDIT_ORIGIN, everyEvents: 200 }).catchUp();
    } finally {
      await log.close();
    }
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** The rule, read straight off the log: incident streams with an SlaBreached and no IncidentEscalated. */
  const breachedNeverEscalated = () => {
    const streams = new Map<string, { breached: boolean; escalated: boolean }>();
    for (const event of events) {
      if (!event.streamId.startsWith('incident-')) continue;
      const stream = streams.get(event.streamId) ?? { breached: false, escalated: false };
      if (event.type === 'SlaBreached') stream.breached = true;
      if (event.type === 'IncidentEscalated') stream.escalated = true;
      streams.set(event.streamId, stream);
    }
    return [...streams].filter(([, stream]) => stream.breached && !stream.escalated).map(([streamId]) => streamId).sort();
  };

  it('finds every incident the seeded log shows breached and never escalated, citing its breaches', async () => {
    const report = await runControls({ env, quiet: true, progressBar: false });
    const expected = breachedNeverEscalated();
    expect(expected.length).toBeGreaterThan(0);
    expect(report.eventsRead).toBe(events.length);
    const breaches = report.findings.filter((finding) => finding.control === 'sla-breach-without-escalation');
    expect(breaches.map((finding) => finding.streamId).sort()).toEqual(expected);
    const byId = new Map(events.map((event) => [event.eventId, event]));
    for (const finding of breaches) {
      const cited = finding.eventIds.map((id) => byId.get(id));
      expect(cited[0]).toMatchObject({ type: 'IncidentOpened', streamId: finding.streamId, data: { number: finding.number } });
      expect(cited.slice(1).every((event) => event?.type === 'SlaBreached' && event.streamId === finding.streamId)).toBe(true);
    }
    // Work logs by anyone not acting as an agent, read straight off the log.
    const workLogs = events.filter((event) => event.type === 'IncidentWorkLogged' && event.actor?.role !== 'agent').map((event) => [event.eventId]);
    expect(report.findings.filter((finding) => finding.control === 'work-logged-without-agent-role').map((finding) => finding.eventIds)).toEqual(workLogs);
  });

  it('writes the same findings into the audit export, which its standalone verifier accepts', async () => {
    const out = join(folder, 'export');
    const summary = await runAuditExport({ env, quiet: true, progressBar: false, out });
    expect(summary.manifest).toMatchObject({ events: events.length, unsignedEvents: 0 });
    const controls = JSON.parse(readFileSync(join(out, 'controls.json'), 'utf8'));
    expect(controls.findings).toEqual((await runControls({ env, quiet: true, progressBar: false })).findings);
    const run = spawnSync(process.execPath, [join(out, 'verify.mjs'), '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, events: events.length, unsignedEvents: 0 });
  });
});
