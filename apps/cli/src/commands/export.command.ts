import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ExportBound, ExportFormat, ExportSummary } from '@itsm/audit-application';
import { parseInstant } from '@itsm/projections';
import { loadAudit } from '../cli/audit-access';
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
    .description('write the events as recorded into a JSON Lines or CSV file, in global order, in constant memory')
    .requiredOption('--out <file>', 'the file to write (refused if it exists; written as <file>.partial until complete)')
    .addOption(new Option('--format <format>', 'jsonl (one event per line) or csv').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--from <bound>', 'first global position, or earliest recording time (RFC 3339), inclusive', exportBound)
    .option('--to <bound>', 'last global position, or latest recording time (RFC 3339), inclusive', exportBound)
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the summary as JSON')
    .action(async (options: ExportCommandOptions) => {
      const summary = await runExport(options);
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `exported ${summary.events} events (positions ${summary.firstPosition ?? '-'} to ${summary.lastPosition ?? '-'}) as ${summary.format} into ${summary.file} ` +
              `(${summary.bytes} bytes, ${summary.eventsPerSecond} events/s)\n`,
      );
    });
