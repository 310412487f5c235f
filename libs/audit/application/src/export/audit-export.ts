import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  consistencyProof,
  consistencyRanges,
  ControlChecks,
  hashingTestVectors,
  nodesOfRanges,
  verifyConsistency,
  type NoteVerifier,
} from '@itsm/audit-domain';
import type { EventStore } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import type { SqlAuditTree, StoredCheckpoint } from '../adapters/sql-audit-tree.adapter';
import { exportEvents } from './export-events';
import { verifyMarkdown } from './verify-markdown';

/** The files of an audit export (docs/audit-hashing.md §6). */
export const AUDIT_EXPORT_FILES = {
  events: 'events.jsonl',
  checkpoints: 'checkpoints.jsonl',
  key: 'verifier-key.txt',
  manifest: 'manifest.json',
  controls: 'controls.json',
  hashing: 'HASHING.md',
  vectors: 'test-vectors.json',
  verifier: 'verify.mjs',
  verifierHashing: 'verify-hashing.cjs',
  guide: 'VERIFY.md',
} as const;

const VERIFIER_SOURCE = 'standalone-verifier.mjs';
/** Shipped under the same name: verify.mjs imports it. */
const VERIFIER_HASHING_SOURCE = AUDIT_EXPORT_FILES.verifierHashing;
const HASHING_SOURCE = 'audit-hashing.md';

const findAsset = (candidates: string[], what: string): string => {
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`the ${what} to ship with the export is missing (looked in ${candidates.join(', ')})`);
  return found;
};

/** The published hashing in JavaScript (verify-hashing.cjs): shipped with every export, loaded by the verify workers. */
export const verifierHashingFile = (): string =>
  findAsset([join(__dirname, 'audit', 'export', VERIFIER_HASHING_SOURCE), join(__dirname, VERIFIER_HASHING_SOURCE)], 'standalone verifier\'s hashing');

/**
 * Where the shipped files are: in `audit/export/` beside the compiled CLI (copied there as assets by
 * apps/cli/webpack.config.js), else beside this file and in the repository's docs/ (sources: specs, benchmarks).
 */
export const auditExportAssets = (): { verifier: string; verifierHashing: string; hashing: string } => ({
  verifier: findAsset([join(__dirname, 'audit', 'export', VERIFIER_SOURCE), join(__dirname, VERIFIER_SOURCE)], 'standalone verifier'),
  verifierHashing: verifierHashingFile(),
  hashing: findAsset([join(__dirname, 'audit', 'export', HASHING_SOURCE), join(__dirname, '../../../../../docs', HASHING_SOURCE)], 'hashing specification'),
});

export interface AuditExportSources {
  store: Pick<EventStore, 'readAll'>;
  tree: SqlAuditTree;
}

export interface AuditExportOptions {
  /** The key the checkpoints are checked with: shipped as verifier-key.txt. */
  verifier: NoteVerifier;
  origin: string;
  /** Also export the events after the latest signed checkpoint (no signature covers them). */
  unsignedTail?: boolean;
  batchSize?: number;
  /** Who made it, for the manifest (`itsm export --audit`). */
  madeBy?: string;
  now?: () => Date;
  onProgress?(progress: { events: number; position: number; head: number }): void;
}

export interface AuditExportManifest {
  format: 'itsm-audit-export';
  version: 1;
  origin: string;
  createdAt: string;
  madeBy: string;
  events: number;
  firstPosition: number | null;
  lastPosition: number | null;
  /** The log's head when the export started. */
  logHead: number;
  checkpoints: number;
  /** Events covered by the last checkpoint in the export. */
  signedEvents: number;
  unsignedEvents: number;
  verifierKey: string;
  files: string[];
}

export interface AuditExportSummary {
  dir: string;
  manifest: AuditExportManifest;
  controls: { id: string; findings: number }[];
  bytes: number;
  seconds: number;
  eventsPerSecond: number;
}

export class NothingSignedToExport extends Error {
  override readonly name = 'NothingSignedToExport';
}

const toHex = (hash: Buffer) => hash.toString('hex');

/** A directory that is not there, or empty: the export never mixes with other files. */
const assertFreshDirectory = async (dir: string) => {
  if (!existsSync(dir)) return;
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} exists and is not empty; choose another directory`);
  await rm(dir, { recursive: true });
};

/**
 * Writes a self-verifying audit export into `dir` (docs/audit-hashing.md §6): the events up to the latest signed
 * checkpoint (or the log's head with `unsignedTail`) streamed in constant memory, every checkpoint they reach with
 * the consistency proof from the one before, the verifier key, the control checks over the same events (run as
 * they are written), the hashing specification and its test vectors, the standalone verifier and VERIFY.md.
 * Written into `<dir>.partial` and renamed when complete.
 */
export const writeAuditExport = async (sources: AuditExportSources, dir: string, options: AuditExportOptions): Promise<AuditExportSummary> => {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  await assertFreshDirectory(dir);
  const assets = auditExportAssets();
  const logHead = await readHeadPosition(sources.store);
  const latest = (await sources.tree.exists()) ? await sources.tree.latestCheckpoint() : null;
  if (!latest && !options.unsignedTail) {
    throw new NothingSignedToExport('no checkpoint has been signed over this log yet: start the platform (its checkpointer signs them), or export with --unsigned-tail');
  }
  const upTo = options.unsignedTail || !latest ? logHead : latest.lastPosition;
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const controls = new ControlChecks();
    const out = createWriteStream(join(partial, AUDIT_EXPORT_FILES.events));
    const events = await exportEvents(sources.store, out, {
      format: 'jsonl',
      to: { position: upTo },
      batchSize: options.batchSize,
      onProgress: options.onProgress,
      observe: (event) => controls.observe(event),
    });
    out.end();
    await once(out, 'close');

    const checkpoints = await writeCheckpoints(sources.tree, join(partial, AUDIT_EXPORT_FILES.checkpoints), upTo);
    const report = controls.report();
    const signedEvents = checkpoints.at(-1)?.treeSize ?? 0;
    const manifest: AuditExportManifest = {
      format: 'itsm-audit-export',
      version: 1,
      origin: options.origin,
      createdAt: now().toISOString(),
      madeBy: options.madeBy ?? 'writeAuditExport',
      events: events.events,
      firstPosition: events.firstPosition,
      lastPosition: events.lastPosition,
      logHead,
      checkpoints: checkpoints.length,
      signedEvents,
      unsignedEvents: Math.max(0, events.events - signedEvents),
      verifierKey: options.verifier.text,
      files: Object.values(AUDIT_EXPORT_FILES),
    };
    await writeFile(join(partial, AUDIT_EXPORT_FILES.key), `${options.verifier.text}\n`);
    await writeFile(join(partial, AUDIT_EXPORT_FILES.controls), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(partial, AUDIT_EXPORT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(partial, AUDIT_EXPORT_FILES.vectors), `${JSON.stringify(hashingTestVectors(), null, 2)}\n`);
    await copyFile(assets.hashing, join(partial, AUDIT_EXPORT_FILES.hashing));
    await copyFile(assets.verifier, join(partial, AUDIT_EXPORT_FILES.verifier));
    await copyFile(assets.verifierHashing, join(partial, AUDIT_EXPORT_FILES.verifierHashing));
    await writeFile(join(partial, AUDIT_EXPORT_FILES.guide), verifyMarkdown(manifest, checkpoints.at(-1) ?? null, report));
    await rename(partial, dir);
    const seconds = (performance.now() - started) / 1000;
    return {
      dir,
      manifest,
      controls: report.controls.map(({ id, findings }) => ({ id, findings })),
      bytes: events.bytes,
      seconds,
      eventsPerSecond: Math.round(events.events / Math.max(seconds, 0.001)),
    };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
};

/**
 * checkpoints.jsonl: each checkpoint up to `upTo` (its last position), smallest first, with the RFC 6962
 * consistency proof from the one before, from the stored tree. A proof is written as the tree gives it, even when
 * it does not verify: the export shows the log and its evidence as they are, and the verifier judges them.
 */
const writeCheckpoints = async (tree: SqlAuditTree, file: string, upTo: number): Promise<StoredCheckpoint[]> => {
  const written: StoredCheckpoint[] = [];
  const out = createWriteStream(file);
  try {
    if (await tree.exists()) {
      for await (const checkpoint of tree.allCheckpoints()) {
        if (checkpoint.lastPosition > upTo) break;
        const previous = written.at(-1);
        let consistency: { fromTreeSize: number; proof: string[]; verifiedByExporter: boolean } | null = null;
        if (previous) {
          const proof = consistencyProof(previous.treeSize, checkpoint.treeSize, await tree.readNodes(nodesOfRanges(consistencyRanges(previous.treeSize, checkpoint.treeSize))));
          consistency = {
            fromTreeSize: previous.treeSize,
            proof: proof.map(toHex),
            verifiedByExporter: verifyConsistency(previous.treeSize, checkpoint.treeSize, previous.rootHash, checkpoint.rootHash, proof),
          };
        }
        const line = { treeSize: checkpoint.treeSize, lastPosition: checkpoint.lastPosition, rootHash: toHex(checkpoint.rootHash), signedAt: checkpoint.signedAt, note: checkpoint.note, consistency };
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
        written.push(checkpoint);
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return written;
};
