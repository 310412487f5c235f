import { Command } from 'commander';
import { backupCommand } from './commands/backup.command';
import { financeCommand } from './commands/finance.command';
import { changesCommand } from './commands/changes.command';
import { restoreCommand } from './commands/restore.command';
import { seedCommand } from './commands/seed.command';
import { tokenCommand } from './commands/token.command';
import { verifyCommand } from './commands/verify.command';

/** The `itsm` command line; each subcommand lives in src/commands/<name>.command.ts. */
export const createProgram = (): Command =>
  new Command('itsm')
    .description('ITSM platform operations')
    .showHelpAfterError()
    .addCommand(tokenCommand())
    .addCommand(seedCommand())
    .addCommand(verifyCommand())
    .addCommand(backupCommand())
    .addCommand(restoreCommand())
    .addCommand(financeCommand())
    .addCommand(changesCommand());
