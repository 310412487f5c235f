import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommittedSchemas, RELEASED_DIR, renderSchema, SCHEMAS_DIR } from './generate-event-schemas';
import { describeBreakingChanges, findBreakingChanges } from './schema-compatibility';

/**
 * `npm run contracts:release`: snapshots the committed schemas as the released set (`schemas/released/`), which the
 * compatibility spec holds every later change to. Refuses while the current set breaks the released one.
 */
export const releaseEventSchemas = (schemasDir = SCHEMAS_DIR, releasedDir = RELEASED_DIR): number => {
  const current = readCommittedSchemas(schemasDir);
  const breaking = findBreakingChanges(readCommittedSchemas(releasedDir), current);
  if (breaking.length > 0) throw new Error(describeBreakingChanges(breaking));
  rmSync(releasedDir, { recursive: true, force: true });
  mkdirSync(releasedDir, { recursive: true });
  for (const [file, schema] of current) writeFileSync(join(releasedDir, file), renderSchema(schema));
  return current.size;
};

if (require.main === module) {
  try {
    const count = releaseEventSchemas();
    process.stdout.write(`Released ${count} event schemas to ${RELEASED_DIR}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
