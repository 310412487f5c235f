import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { SqlExecutor, SqlSession, Unlisten } from './sql-executor.port';

const sessionOf = (client: Pool | PoolClient): SqlSession => ({
  query: async <Row>(text: string, params?: readonly unknown[]) =>
    (await client.query(text, params as unknown[] | undefined)).rows as Row[],
  exec: async (script: string) => {
    // Without parameters `pg` uses the simple protocol, which accepts several statements.
    await client.query(script);
  },
});

/** A `SqlExecutor` on a `pg` pool: each transaction holds one pooled connection until it ends. */
export const createPgExecutor = (config: PoolConfig): SqlExecutor => {
  const pool = new Pool(config);
  // An idle connection dropped by the server is replaced by the pool; without a listener it would crash the process.
  pool.on('error', () => undefined);
  return {
    ...sessionOf(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await work(sessionOf(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').then(
          () => client.release(),
          (rollbackError: Error) => client.release(rollbackError),
        );
        throw error;
      }
    },
    async listen(channel, onNotify): Promise<Unlisten> {
      const client = await pool.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`LISTEN "${channel}"`);
      return async () => {
        await client.query(`UNLISTEN "${channel}"`).then(
          () => client.release(),
          (error: Error) => client.release(error),
        );
      };
    },
    close: () => pool.end(),
  };
};
