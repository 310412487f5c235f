import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the specs use (DATABASE_URL, else the local trust-auth server). */
export const testServerUrl = (): string => process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  /** Rows of one statement, on a connection of its own (to look at what the processes under test wrote). */
  query<Row>(sql: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

const connected = async <T>(connectionString: string, work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const admin = <T>(work: (client: Client) => Promise<T>): Promise<T> => connected(testServerUrl(), work);

/** A fresh database on the test server: the processes under test keep their default schemas in it. */
export const createTestDatabase = async (prefix: string): Promise<TestDatabase> => {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: <Row>(sql: string, values: unknown[] = []) =>
      connected(url.toString(), async (client) => (await client.query(sql, values)).rows as Row[]),
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
};
