import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A throwaway database on the bench's PostgreSQL server, so contenders never share tables or caches of each other's rows. */
export interface ScratchDatabase {
  name: string;
  connectionString: string;
  drop(): Promise<void>;
}

const withAdmin = async <T>(
  adminUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> => {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const createScratchDatabase = async (
  adminUrl: string,
  label: string,
): Promise<ScratchDatabase> => {
  const name = `bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${name}`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    connectionString: url.toString(),
    drop: () => withAdmin(adminUrl, (client) => dropWhenIdle(client, name)),
  };
};

/**
 * A pool's `end()` resolves before the server has seen every connection go; terminating one still closing
 * makes `pg` throw an unhandled error. So wait for the connections to leave, and FORCE only a straggler.
 */
const dropWhenIdle = async (client: Client, name: string): Promise<void> => {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rows } = await client.query<{ connections: number }>(
      'SELECT count(*)::int AS connections FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (rows[0].connections === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
};
