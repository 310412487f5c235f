import { CommanderError, type Command } from 'commander';
import { EXIT, UsageError } from './cli/exit-codes';
import { createProgram } from './program';

/** Commander exits by itself on usage errors unless told not to, per command (addCommand does not pass it on). */
const throwInsteadOfExit = (command: Command): Command => {
  command.exitOverride();
  command.commands.forEach(throwInsteadOfExit);
  return command;
};

throwInsteadOfExit(createProgram())
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Help and version end here too, with exit code 0; other commander errors are usage errors it has printed.
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
    process.stderr.write(`itsm: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? EXIT.usage : EXIT.failed);
  });
