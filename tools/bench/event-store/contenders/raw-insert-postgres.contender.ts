import { Pool } from 'pg';
import type { Contender } from '../contender';
import { RAW_EVENTS_DDL, rawInsertContender } from './raw-insert.contender';

/** Raw INSERTs through `pg`, named (server-side prepared) statements on a pool. */
export const startRawInsertPostgres = async (connectionString: string, poolSize: number): Promise<Contender> => {
  const pool = new Pool({ connectionString, max: poolSize });
  await pool.query(RAW_EVENTS_DDL);
  return rawInsertContender('raw INSERT', (name, text, values) => pool.query({ name, text, values }), () => pool.end());
};
