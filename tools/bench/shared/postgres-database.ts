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
    // FORCE: a contender that failed half-way may still hold connections.
    drop: () =>
      withAdmin(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
};
