import { userInfo } from 'node:os';
import { Command } from 'commander';
import { progressBar } from '../cli/progress-bar';
import { EXIT } from '../cli/exit-codes';
import { signTokenFromEnvironment } from './token.command';

interface ImportLedgerCommandOptions {
  url: string;
  token?: string;
  importId?: string;
  json?: boolean;
  dataDir?: string;
}

interface ReplayCommandOptions {
  period: string;
  dataDir?: string;
  json?: boolean;
}

const replayCommand = (): Command =>
  new Command('replay')
    .description('re-compute a published or closed period from the log with the versions it recorded and compare every statement hash (exit 3 when one differs)')
    .requiredOption('--period <YYYY-MM>', 'the period, a month')
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the replay as JSON')
    .action(async (options: ReplayCommandOptions) => {
      const { runFinanceReplay, describeReplay } = await import('./finance-replay');
      const replay = await runFinanceReplay({ period: options.period, dataDir: options.dataDir, json: options.json });
      if (options.json) process.stdout.write(`${JSON.stringify(replay)}\n`);
      else for (const line of describeReplay(replay)) process.stdout.write(`${line}\n`);
      if (!replay.matches) process.exitCode = EXIT.replayMismatch;
    });

/** `itsm finance …`: import-ledger over the HTTP API (the platform or the gateway must be running); replay on the log. */
export const financeCommand = (): Command =>
  new Command('finance').description('IT finance: ledger imports over the HTTP API, period replays on the log').addCommand(replayCommand()).addCommand(
    new Command('import-ledger')
      .description('import a general-ledger CSV file (POST /api/v1/finance/ledger-imports), streamed, with a progress bar; all lines or none')
      .argument('<file>', 'the CSV file: date,account,cost_pool,cost_center,amount,currency,source_reference,description')
      .option('--url <url>', 'the platform or the gateway', process.env['ITSM_URL'] ?? 'http://localhost:3000')
      .option('--token <jwt>', 'bearer token of a finance user (default: ITSM_TOKEN, else one signed with the platform’s key for the finance role)')
      .option('--import-id <uuid>', 'the import’s id (default: a new one); the same id and file again changes nothing')
      .option('--data-dir <dir>', 'data folder holding the platform’s key, to sign the token')
      .option('--json', 'print the server’s answer as JSON')
      .action(async (file: string, options: ImportLedgerCommandOptions) => {
        const { importLedgerFile, describeImport } = await import('./finance-import-ledger');
        const token =
          options.token ??
          process.env['ITSM_TOKEN'] ??
          (await signTokenFromEnvironment({ sub: userInfo().username || 'cli-user', role: ['finance'], expiresIn: '1h', dataDir: options.dataDir }));
        const bar = progressBar('ledger import', 'bytes', 1, process.stderr.isTTY === true);
        try {
          const result = await importLedgerFile({
            file,
            url: options.url,
            token,
            importId: options.importId,
            onProgress: ({ bytesReceived, bytesTotal }) => bar.update(bytesReceived, bytesTotal),
          });
          bar.stop();
          if (options.json) process.stdout.write(`${JSON.stringify(result.body)}\n`);
          else for (const line of describeImport(result)) (result.status < 300 ? process.stdout : process.stderr).write(`${line}\n`);
          if (result.status >= 300) process.exitCode = 1;
        } finally {
          bar.stop();
        }
      }),
  );
