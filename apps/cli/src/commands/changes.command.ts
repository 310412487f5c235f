import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { BacktestReport } from '@itsm/changes-domain';
import { withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';

export interface BacktestRiskCommandOptions extends EventLogAccess {
  /** The candidate policy file (JSON). */
  policy: string;
  json?: boolean;
  /** Draw the progress bars (a terminal); off with --json and in tests. */
  progressBar?: boolean;
}

/** The change events read per page of the log. */
const PAGE = 2_000;

/** The candidate policy file, checked before the log is opened: every problem at once, each with its path. */
const readPolicy = async (file: string) => {
  const { parseRiskPolicy } = await import('@itsm/changes-domain');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a JSON policy file: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseRiskPolicy(json);
};

/**
 * Replays every assessed change of the configured log (DATABASE_URL, EVENTSTORE_URL, else the embedded data
 * directory; a reader beside a running platform) under a candidate risk policy: the change events folded in memory
 * as the `change_risk_history` read model folds them (so it needs no projection to be caught up), then
 * `runRiskBacktest`. Progress bars for reading the log and for the replay.
 */
export const runBacktestRisk = async (options: BacktestRiskCommandOptions): Promise<BacktestReport> => {
  const candidate = await readPolicy(options.policy);
  return withEventLog('itsm changes backtest-risk', 'reader', options, async (log) => {
    const [{ RiskHistoryFold }, { runRiskBacktest }, { readHeadPosition }] = await Promise.all([
      import('@itsm/changes-read-models'),
      import('@itsm/changes-application'),
      import('@itsm/projections'),
    ]);
    const { upcastEvent } = await import('@itsm/contracts');
    const drawn = options.progressBar ?? !options.json;
    const head = await readHeadPosition(log.store);
    const fold = new RiskHistoryFold();
    const reading = progressBar('read log', 'events', head, drawn);
    try {
      for (let position = -1; position < head; ) {
        const page = await log.store.readAll({ fromPosition: position, maxCount: PAGE, filter: RiskHistoryFold.filter });
        for (const event of page.events) if (event.globalPosition <= head) fold.add(upcastEvent(event));
        if (page.lastPosition <= position) break;
        position = page.lastPosition;
        reading.update(Math.min(position, head));
      }
    } finally {
      reading.stop();
    }
    const history = fold.assessedChanges();
    const replay = progressBar('replay', 'changes', history.length, drawn);
    try {
      return runRiskBacktest(candidate, history, { onProgress: (done) => replay.update(done) });
    } finally {
      replay.stop();
    }
  });
};

export const changesCommand = (): Command =>
  new Command('changes').description('the changes context: risk policy tools').addCommand(
    new Command('backtest-risk')
      .description('replay past changes under a candidate risk policy: how many would change level, and how each level\'s changes turned out')
      .requiredOption('--policy <file>', 'the candidate risk policy (JSON, as `parseRiskPolicy` reads it)')
      .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
      .option('--json', 'print the report as JSON')
      .action(async (options: BacktestRiskCommandOptions) => {
        const report = await runBacktestRisk(options);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
          return;
        }
        const { formatBacktestReport } = await import('@itsm/changes-domain');
        process.stdout.write(`${formatBacktestReport(report)}\n`);
      }),
  );
