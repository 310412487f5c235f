import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { AuditExportSummary, ExportBound, ExportFormat, ExportSummary } from '@itsm/audit-application';
import { parseInstant } from '@itsm/projections';
import { auditSourcesOf, loadAudit, type AuditAccess } from '../cli/audit-access';
import { UsageError } from '../cli/exit-codes';
import { withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';

export interface ExportCommandOptions extends EventLogAccess {
  out: string;
  format: ExportFormat;
  from?: ExportBound;
  to?: ExportBound;
  json?: boolean;
  progressBar?: boolean;
}

export interface AuditExportCommandOptions extends AuditAccess {
  /** The directory to write (refused if it exists and is not empty). */
  out: string;
  /** Also the events after the latest signed checkpoint. */
  unsignedTail?: boolean;
  json?: boolean;
  progressBar?: boolean;
}

/**
 * `itsm export --audit`: a self-verifying folder for auditors (docs/audit-hashing.md §6): the events up to the
 * latest signed checkpoint, the checkpoints with their consistency proofs, the verifier key, the control checks,
 * the hashing specification with test vectors, the standalone verify.mjs and VERIFY.md.
 */
export const runAuditExport = async (options: AuditExportCommandOptions): Promise<AuditExportSummary> => {
  const dir = resolve(options.out);
  return withEventLog('itsm export --audit', 'reader', options, async (log) => {
    const { writeAuditExport } = await loadAudit();
    const { sources, verifier, origin } = await auditSourcesOf(log, options);
    if (!verifier) throw new Error('no verifier key: the platform has no signing key here (ITSM_AUDIT_SIGNING_KEY, or the data directory\'s audit-signing-key); pass --key');
    const bar = progressBar('export --audit', 'events', 0, options.progressBar ?? !options.json);
    try {
      return await writeAuditExport({ store: log.storedStore, tree: sources.tree }, dir, {
        verifier,
        origin,
        unsignedTail: options.unsignedTail,
        madeBy: 'itsm export --audit',
        onProgress: ({ position, head }) => bar.update(position, head),
      });
    } finally {
      bar.stop();
    }
  });
};

const describeAuditExport = (summary: AuditExportSummary): string => {
  const { manifest } = summary;
  const findings = summary.controls.reduce((total, control) => total + control.findings, 0);
  return (
    `exported ${manifest.events} events (positions ${manifest.firstPosition ?? '-'} to ${manifest.lastPosition ?? '-'}) and ${manifest.checkpoints} signed checkpoints ` +
    `into ${summary.dir} (${summary.eventsPerSecond} events/s); ${findings} control findings (controls.json)
` +
    (manifest.unsignedEvents > 0 ? `note: the last ${manifest.unsignedEvents} events are after the last signed checkpoint
` : '') +
    `verify it anywhere with: node ${summary.dir}/verify.mjs --key '${manifest.verifierKey}'
`
  );
};

/** Writes the log's events (as stored) in JSON Lines or CSV, in constant memory, beside a running platform too. */
export const runExport = async (options: ExportCommandOptions): Promise<ExportSummary & { file: string }> => {
  const file = resolve(options.out);
  if (existsSync(file)) throw new Error(`${file} exists already; choose another file`);
  return withEventLog('itsm export', 'reader', options, async (log) => {
    const { exportEventsToFile } = await loadAudit();
    const bar = progressBar('export', 'events', 0, options.progressBar ?? !options.json);
    try {
      const summary = await exportEventsToFile(log.storedStore, file, {
        format: options.format,
        from: options.from,
        to: options.to,
        onProgress: ({ position, head }) => bar.update(position, head),
      });
      return { ...summary, file };
    } finally {
      bar.stop();
    }
  });
};

/** A bound: a whole number is a global position, anything else an RFC 3339 recording time. */
export const exportBound = (value: string): ExportBound => {
  if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return { position: Number(value) };
  const time = parseInstant(value);
  if (!time) throw new InvalidArgumentError('a global position (whole number) or an RFC 3339 date-time such as 2026-11-02T08:00:00Z');
  return { time };
};

export const exportCommand = (): Command =>
  new Command('export')
    .description('write the events as recorded into a JSON Lines or CSV file, in global order, in constant memory; --audit: a self-verifying folder for auditors')
    .requiredOption('--out <file>', 'the file to write (refused if it exists; written as <file>.partial until complete); with --audit a directory')
    .option('--audit', 'write a self-verifying audit export into the directory --out: events, signed checkpoints with proofs, controls, verify.mjs, VERIFY.md')
    .option('--unsigned-tail', 'with --audit: also the events after the latest signed checkpoint')
    .option('--key <key>', 'with --audit: the verifier key to ship (default: the public half of the platform\'s signing key)')
    .addOption(new Option('--format <format>', 'jsonl (one event per line) or csv').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--from <bound>', 'first global position, or earliest recording time (RFC 3339), inclusive', exportBound)
    .option('--to <bound>', 'last global position, or latest recording time (RFC 3339), inclusive', exportBound)
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the summary as JSON')
    .action(async (options: ExportCommandOptions & AuditExportCommandOptions & { audit?: boolean }, command: Command) => {
      if (options.audit) {
        const explicit = (name: string) => command.getOptionValueSource(name) === 'cli';
        if (explicit('format') || options.from || options.to) {
          throw new UsageError('--audit exports the log from its first event (the Merkle roots cover it all) as JSON Lines: leave out --format, --from and --to');
        }
        const summary = await runAuditExport(options);
        process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : describeAuditExport(summary));
        return;
      }
      if (options.unsignedTail || options.key) throw new UsageError('--unsigned-tail and --key go with --audit');
      const summary = await runExport(options);
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `exported ${summary.events} events (positions ${summary.firstPosition ?? '-'} to ${summary.lastPosition ?? '-'}) as ${summary.format} into ${summary.file} ` +
              `(${summary.bytes} bytes, ${summary.eventsPerSecond} events/s)\n`,
      );
    });
