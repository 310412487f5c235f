import { Pool } from 'pg';
import type { Contender } from '../contender';
import { createOurSchemaPostgres } from './ours.contender';
import { rawInsertContender } from './raw-insert.contender';

/** Raw INSERTs through `pg`: named (server-side prepared) statements on a pool as large as ours. */
export const startRawInsertPostgres = async (
  connectionString: string,
  poolSize: number,
): Promise<Contender> => {
  await createOurSchemaPostgres(connectionString);
  const pool = new Pool({ connectionString, max: poolSize });
  return rawInsertContender(
    (name, text, values) => pool.query({ name, text, values }),
    () => pool.end(),
  );
};
