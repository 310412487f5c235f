import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportEventsToFile, verifyAuditLog, writeAuditExport, type ExportFormat, type SqlAuditTree } from '@itsm/audit-application';
import type { NoteVerifier } from '@itsm/audit-domain';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { readWholeLog } from '../shared/read-log';
import { elapsedMs, type Sample } from '../shared/stats';

/** Events per read for every contender: verify's and export's default page. */
export const AUDIT_PAGE_SIZE = 5000;

export interface AuditReadContext {
  store: EventStore;
  /** The log's SQL database, for the verification on the stored texts. */
  logDb: SqlExecutor;
  tree: SqlAuditTree;
  verifier: NoteVerifier;
  origin: string;
  logSize: number;
}

export interface AuditReadContender {
  name: string;
  run(context: AuditReadContext): Promise<Sample>;
}

const countNote = (what: string, seen: number, expected: number): string[] => (seen === expected ? [] : [`${what} ${seen} events, the log holds ${expected}`]);

/** The read ceiling: one plain `readAll` pass over the same log in the same pages, nothing computed. */
export const readAllPass: AuditReadContender = {
  name: 'readAll pass',
  async run({ store, logSize }) {
    const start = process.hrtime.bigint();
    const latencies: number[] = [];
    let pageStart = start;
    const count = await readWholeLog(store, AUDIT_PAGE_SIZE, () => {
      latencies.push(elapsedMs(pageStart));
      pageStart = process.hrtime.bigint();
    });
    return { events: count, totalMs: elapsedMs(start), latenciesMs: latencies, notes: countNote('readAll read', count, logSize) };
  },
};

/** How `itsm verify` reads the log: every event parsed through the store, or the texts its appender stored (the CLI on a log in SQL). */
export type VerifyReading = 'parsed' | 'stored texts';

/** `itsm verify`: every chain, the order, each event against the recorded tree, every signed checkpoint. */
export const verifyPass = (reading: VerifyReading): AuditReadContender => ({
  name: `verify (${reading})`,
  async run({ store, tree, verifier, origin, logSize, logDb }) {
    const start = process.hrtime.bigint();
    const canonicalTexts = reading === 'stored texts' ? { db: logDb } : undefined;
    const result = await verifyAuditLog({ store, tree }, { verifier, origin, batchSize: AUDIT_PAGE_SIZE, canonicalTexts });
    const notes = [...countNote('verify checked', result.events, logSize), ...(result.ok ? [] : [`verify failed: ${result.firstFailure?.reason}`])];
    if (result.recordedLeavesChecked !== logSize) notes.push(`verify compared ${result.recordedLeavesChecked} events with the audit tree`);
    return { events: result.events, totalMs: elapsedMs(start), latenciesMs: [], notes: [...notes, ...result.notes] };
  },
});

/** `itsm export`: the whole log into a file, as JSON Lines or CSV. */
export const exportPass = (format: ExportFormat): AuditReadContender => ({
  name: `export ${format}`,
  async run({ store, logSize }) {
    const folder = mkdtempSync(join(tmpdir(), 'itsm-bench-export-'));
    try {
      const start = process.hrtime.bigint();
      const summary = await exportEventsToFile(store, join(folder, `log.${format}`), { format, batchSize: AUDIT_PAGE_SIZE });
      return { events: summary.events, totalMs: elapsedMs(start), latenciesMs: [], notes: countNote(`export ${format} wrote`, summary.events, logSize) };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
});

/** `itsm export --audit`: events, checkpoints with consistency proofs, the control checks in the same pass, the shipped files. */
export const auditExportPass: AuditReadContender = {
  name: 'export --audit',
  async run({ store, tree, verifier, origin, logSize }) {
    const folder = mkdtempSync(join(tmpdir(), 'itsm-bench-audit-export-'));
    try {
      const start = process.hrtime.bigint();
      const summary = await writeAuditExport({ store, tree }, join(folder, 'export'), { verifier, origin, batchSize: AUDIT_PAGE_SIZE });
      return { events: summary.manifest.events, totalMs: elapsedMs(start), latenciesMs: [], notes: countNote('export --audit wrote', summary.manifest.events, logSize) };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};

/**
 * The standalone verifier an auditor runs: `node verify.mjs --json` as a child process on an audit export of the
 * whole log (made first, not timed): every chain, the order, the Merkle root at each checkpoint, each signature.
 */
export const standaloneVerifyPass: AuditReadContender = {
  name: 'verify.mjs (standalone)',
  async run({ store, tree, verifier, origin, logSize }) {
    const folder = mkdtempSync(join(tmpdir(), 'itsm-bench-verify-mjs-'));
    try {
      const dir = join(folder, 'export');
      await writeAuditExport({ store, tree }, dir, { verifier, origin, batchSize: AUDIT_PAGE_SIZE });
      const start = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [join(dir, 'verify.mjs'), '--json', '--no-progress'], { encoding: 'utf8' });
      const totalMs = elapsedMs(start);
      let result: { ok?: boolean; events?: number; reason?: string } = {};
      try {
        result = JSON.parse(run.stdout);
      } catch {
        result = { ok: false, reason: `exit ${run.status}: ${run.stderr.slice(0, 200)}` };
      }
      const events = result.events ?? 0;
      const notes = [...countNote('verify.mjs accepted', events, logSize), ...(run.status === 0 && result.ok ? [] : [`verify.mjs refused the export: ${result.reason}`])];
      return { events: run.status === 0 ? events : 0, totalMs, latenciesMs: [], notes };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
