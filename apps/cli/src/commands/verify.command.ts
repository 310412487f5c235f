import { Command } from 'commander';
import type { LogVerification } from '@itsm/operations';
import { EXIT } from '../cli/exit-codes';
import { withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';

export interface VerifyCommandOptions extends EventLogAccess {
  json?: boolean;
  progressBar?: boolean;
}

/** Re-checks every stream's hash chain and the global order of the configured log. */
export const runVerify = (options: VerifyCommandOptions): Promise<LogVerification> =>
  withEventLog('itsm verify', 'reader', options, async (log) => {
    const { verifyEventLog } = await import('@itsm/operations');
    const bar = progressBar('verify', 'events', 0, options.progressBar ?? !options.json);
    try {
      return await verifyEventLog(log.store, { onProgress: ({ position, head }) => bar.update(position, head) });
    } finally {
      bar.stop();
    }
  });

const describeResult = (result: LogVerification): string =>
  result.ok
    ? `verified ${result.events} events in ${result.streams} streams up to position ${result.lastPosition}: every hash chain and the global order hold\n`
    : `VERIFY FAILED at position ${result.firstFailure?.globalPosition} (${result.firstFailure?.streamId}@${result.firstFailure?.streamRevision}, event ${result.firstFailure?.eventId}): ` +
      `${result.firstFailure?.reason}, expected ${result.firstFailure?.expected}, found ${result.firstFailure?.actual}; ${result.events} events checked before it\n`;

export const verifyCommand = (): Command =>
  new Command('verify')
    .description('re-check every stream\'s hash chain and the global order of the event log (exit 3 when it does not verify)')
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the result as JSON')
    .action(async (options: VerifyCommandOptions) => {
      const result = await runVerify(options);
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : describeResult(result));
      if (!result.ok) process.exitCode = EXIT.verificationFailed;
    });
