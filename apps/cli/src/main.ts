import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`itsm: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
