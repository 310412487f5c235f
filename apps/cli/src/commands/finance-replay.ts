import type { PeriodReplay } from '@itsm/finance-application';
import { withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { progressBar, type ProgressBar } from '../cli/progress-bar';

export interface FinanceReplayOptions extends EventLogAccess {
  period: string;
  json?: boolean;
  /** Draw the progress bar (a terminal); off with --json and in tests. */
  progressBar?: boolean;
}

/**
 * Re-computes a published or closed period from the configured log (DATABASE_URL, EVENTSTORE_URL, else the embedded
 * data directory; a reader beside a running platform) with exactly the versions its run recorded, and compares
 * every statement hash (`replayPeriod` of @itsm/finance-application). Progress: the log read up to the run's
 * position, then the ledger imports.
 */
export const runFinanceReplay = async (options: FinanceReplayOptions): Promise<PeriodReplay> =>
  withEventLog('itsm finance replay', 'reader', options, async (log) => {
    const { replayPeriod } = await import('@itsm/finance-application');
    const drawn = options.progressBar ?? !options.json;
    const reading = progressBar('read log', 'positions', 1, drawn);
    const bars: { ledger: ProgressBar | null } = { ledger: null };
    try {
      return await replayPeriod(log.store, options.period, ({ phase, done, total }) => {
        if (phase === 'log') return reading.update(done, total);
        if (bars.ledger === null) {
          reading.stop();
          bars.ledger = progressBar('ledger imports', 'imports', total, drawn);
        }
        bars.ledger.update(done, total);
      });
    } finally {
      reading.stop();
      bars.ledger?.stop();
    }
  });

/** The replay as text: one line per statement (MATCH or MISMATCH with the hashes), then any input that changed. */
export const describeReplay = (replay: PeriodReplay): string[] => [
  `Replay of ${replay.period} (${replay.status}, run ${replay.runNumber}, log up to position ${replay.logPosition}): ${replay.matches ? 'every statement hash matches' : 'MISMATCH'}`,
  ...replay.statements.map((statement) =>
    statement.matches
      ? `MATCH    ${statement.statementId} ${statement.recordedHash}`
      : `MISMATCH ${statement.statementId} recorded ${statement.recordedHash ?? '(none)'}, stored ${statement.storedHash ?? '(none)'}, replayed ${statement.replayedHash ?? '(none)'}`,
  ),
  ...replay.inputDifferences.map((difference) => `INPUT CHANGED ${difference.input}: recorded ${difference.recorded}, read again ${difference.replayed}`),
];
