/** The PostgreSQL server integration tests use: `DATABASE_URL`, else the local trust-auth server. */
export const testDatabaseUrl = (): string => process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
