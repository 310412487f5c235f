import { Pool, type PoolClient, type PoolConfig, type QueryResult } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { QueryOptions, SqlExecutor, SqlSession, SqlTransaction, Unlisten } from './sql-executor.port';

const send = (client: Pool | PoolClient, text: string, params?: readonly unknown[], options?: QueryOptions) =>
  client.query({ text, values: params as unknown[] | undefined, name: options?.prepareAs });

const sessionOf = (client: Pool | PoolClient): SqlSession => ({
  query: async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions) =>
    (await send(client, text, params, options)).rows as Row[],
  exec: async (script: string) => {
    // Without parameters `pg` uses the simple protocol, which accepts several statements.
    await client.query(script);
  },
});

/** PostgreSQL answers COMMIT in a failed transaction with a ROLLBACK instead of an error. */
const assertCommitted = (result: QueryResult): void => {
  if (result.command !== 'COMMIT') throw new Error('The transaction was rolled back: a statement in it failed');
};

/**
 * A transaction on one pooled connection. With `pipelined`, BEGIN is not awaited, so it leaves with the work's
 * first statements; each statement still waits for BEGIN's answer (which comes first), so a failed BEGIN fails
 * the work.
 */
const transactionOn = (client: PoolClient, pipelined: boolean) => {
  const begun = send(client, 'BEGIN ISOLATION LEVEL READ COMMITTED');
  begun.catch(() => undefined);
  let sentCommit: Promise<QueryResult> | undefined;
  const sendCommit = () => (sentCommit ??= send(client, 'COMMIT'));
  const session: SqlTransaction = {
    query: async <Row>(text: string, params?: readonly unknown[], options?: QueryOptions) =>
      (await Promise.all([begun, send(client, text, params, options)]))[1].rows as Row[],
    exec: async (script: string) => {
      await Promise.all([begun, client.query(script)]);
    },
    commit: () => sendCommit().then(assertCommitted),
  };
  return {
    session,
    begun: pipelined ? Promise.resolve() : begun,
    commit: session.commit,
    /** ROLLBACK, or the answer to a COMMIT already sent (which ended the transaction either way). */
    end: () => sentCommit ?? send(client, 'ROLLBACK'),
  };
};

/** `SqlExecutor.copyOut` on a pooled connection: the COPY's data, chunk by chunk as the stream hands it over. */
const copyOutOn = (pool: Pool) => async (statement: string): Promise<Buffer[]> => {
  const client = await pool.connect();
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(statement))) chunks.push(chunk as Buffer);
    client.release();
    return chunks;
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
};

/**
 * A `SqlExecutor` on a `pg` pool: each transaction holds one pooled connection until it ends. With
 * `pipeline: true` (node-postgres pipeline mode) statements issued without awaiting share a round trip; cursors
 * and the `rows` option are then refused by `pg`, and nothing here uses them.
 */
export const createPgExecutor = (config: PoolConfig): SqlExecutor => {
  const pool = new Pool(config);
  const pipelined = config.pipeline === true;
  // An idle connection dropped by the server is replaced by the pool; without a listener it would crash the process.
  pool.on('error', () => undefined);
  // The server processes of this pool's connections: a NOTIFY from one of them was sent by this executor's own work.
  const ownBackends = new Set<number>();
  const backendOf = (client: unknown) => (client as { processID?: number }).processID;
  pool.on('connect', (client) => ownBackends.add(backendOf(client) ?? -1));
  pool.on('remove', (client) => ownBackends.delete(backendOf(client) ?? -1));
  return {
    ...sessionOf(pool),
    async transaction(work) {
      const client = await pool.connect();
      const tx = transactionOn(client, pipelined);
      try {
        await tx.begun;
        const result = await work(tx.session);
        await tx.commit();
        client.release();
        return result;
      } catch (error) {
        // A connection whose transaction did not end cleanly is dropped, not returned to the pool.
        await tx.end().then(
          () => client.release(),
          (endError: Error) => client.release(endError),
        );
        throw error;
      }
    },
    async listen(channel, onNotify): Promise<Unlisten> {
      const client = await pool.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify({ fromThisExecutor: ownBackends.has(message.processId) });
      });
      await client.query(`LISTEN "${channel}"`);
      return async () => {
        await client.query(`UNLISTEN "${channel}"`).then(
          () => client.release(),
          (error: Error) => client.release(error),
        );
      };
    },
    // pg-copy-streams takes the connection's socket over, which a pipelined connection shares with statements in flight.
    ...(pipelined ? {} : { copyOut: copyOutOn(pool) }),
    close: () => pool.end(),
  };
};
