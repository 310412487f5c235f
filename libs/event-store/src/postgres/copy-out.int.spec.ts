import { createPgExecutor } from './pg-executor.adapter';
import { randomSchemaName } from './sql-contract.harness';
import type { SqlExecutor } from './sql-executor.port';
import { testDatabaseUrl } from './test-database-url';

describe('copyOut on the PostgreSQL server', () => {
  const schema = randomSchemaName('copy_out');
  let db: SqlExecutor;

  beforeAll(async () => {
    db = createPgExecutor({ connectionString: testDatabaseUrl(), max: 1 });
    await db.exec(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".rows (id int PRIMARY KEY, note text);`);
    await db.query(`INSERT INTO "${schema}".rows SELECT n, 'note ' || n || E'\\t"é"' FROM generate_series(1, 20000) AS n`);
  });

  afterAll(async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });

  it("returns the statement's whole output, every row the server sent, in its bytes", async () => {
    const output = await db.copyOut?.(`COPY (SELECT id, note FROM "${schema}".rows ORDER BY id) TO STDOUT`);

    const chunks = output as Buffer[];
    // 20,000 rows do not arrive in one read: the chunks come as they came, in order.
    expect(chunks.length).toBeGreaterThan(1);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines).toHaveLength(20001);
    expect(lines[0]).toBe('1\tnote 1\\t"é"');
    expect(lines[19999]).toBe('20000\tnote 20000\\t"é"');
  });

  it('rejects a statement the server refuses, and the connection serves the next one', async () => {
    await expect(db.copyOut?.(`COPY (SELECT no_such_column FROM "${schema}".rows) TO STDOUT`)).rejects.toThrow(/no_such_column/);

    const output = Buffer.concat((await db.copyOut?.(`COPY (SELECT count(*) FROM "${schema}".rows) TO STDOUT WITH (FORMAT binary)`)) ?? []);
    // PostgreSQL's binary copy: signature, then one tuple of one int8 field.
    expect(output.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    expect(output.readBigInt64BE(19 + 2 + 4)).toBe(20000n);
  });

  it('is absent from a pipelined pool, whose connections share their socket with statements in flight', async () => {
    const pipelined = createPgExecutor({ connectionString: testDatabaseUrl(), max: 1, pipeline: true });
    try {
      expect(pipelined.copyOut).toBeUndefined();
    } finally {
      await pipelined.close();
    }
  });
});
