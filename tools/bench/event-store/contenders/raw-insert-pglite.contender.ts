import { PGlite } from '@electric-sql/pglite';
import type { Contender } from '../contender';
import { createOurSchemaPglite } from './ours.contender';
import { rawInsertContender } from './raw-insert.contender';

/** Raw INSERTs on an in-memory PGlite of its own, the engine our embedded store runs on. */
export const startRawInsertPglite = async (): Promise<Contender> => {
  const db = await PGlite.create();
  await createOurSchemaPglite(db);
  return rawInsertContender(
    (_name, text, params) => db.query<Record<string, unknown>>(text, params),
    () => db.close(),
  );
};
