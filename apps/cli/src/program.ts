import { Command } from 'commander';
import { seedCommand } from './commands/seed.command';
import { tokenCommand } from './commands/token.command';

/** The `itsm` command line; each subcommand lives in src/commands/<name>.command.ts. */
export const createProgram = (): Command =>
  new Command('itsm')
    .description('ITSM platform operations')
    .showHelpAfterError()
    .addCommand(tokenCommand())
    .addCommand(seedCommand());
