import { PGlite } from '@electric-sql/pglite';
import type { Contender } from '../contender';
import { RAW_EVENTS_DDL, rawInsertContender } from './raw-insert.contender';

/** Raw INSERTs on an in-memory PGlite, the same engine our embedded store runs on. */
export const startRawInsertPglite = async (): Promise<Contender> => {
  const db = await PGlite.create();
  await db.exec(RAW_EVENTS_DDL);
  return rawInsertContender(
    'raw INSERT',
    (_name, text, params) => db.query<Record<string, unknown>>(text, params),
    () => db.close(),
  );
};
