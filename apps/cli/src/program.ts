import { Command } from 'commander';
import { auditCommand } from './commands/audit.command';
import { backupCommand } from './commands/backup.command';
import { financeCommand } from './commands/finance.command';
import { changesCommand } from './commands/changes.command';
import { eraseCommand } from './commands/erase.command';
import { controlsCommand } from './commands/controls.command';
import { exportCommand } from './commands/export.command';
import { rebuildCommand } from './commands/rebuild.command';
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
    .addCommand(auditCommand())
    .addCommand(verifyCommand())
    .addCommand(exportCommand())
    .addCommand(eraseCommand())
    .addCommand(controlsCommand())
    .addCommand(rebuildCommand())
    .addCommand(backupCommand())
    .addCommand(restoreCommand())
    .addCommand(financeCommand())
    .addCommand(changesCommand());
