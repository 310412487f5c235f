import { Client } from 'pg';
import { costCenterStreamId, allocationRuleStreamId, costPoolStreamId, ledgerImportStreamId } from '@itsm/contracts';
import { newId, systemClock, WritePipeline, type NewEvent } from '@itsm/event-sourcing';
import { createPostgresEventStore, type EventStore } from '@itsm/event-store';
import {
  ClosePeriodHandler,
  PeriodInputsReader,
  PeriodStreams,
  PublishStatementsHandler,
  RunPeriodHandler,
  type FinanceIncidents,
  type PeriodCredits,
} from '@itsm/finance-application';
import { createTestDatabase, type TestDatabase } from '@itsm/platform-kit';
import { createProgram } from '../program';
import { EXIT } from '../cli/exit-codes';
import { runFinanceReplay } from './finance-replay';

const metadata = { actor: { id: 'fiona', role: 'finance' }, correlationId: newId() };
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ type, data, metadata });
const eur = (amount: string) => ({ amount, currency: 'EUR' });

/**
 * `itsm finance replay --period P` on the PostgreSQL server (DATABASE_URL): a period run, published and closed through
 * the finance handlers on the log; the replay matches (exit 0); a statement changed behind the store, or a ledger
 * line (an input) changed behind it, is named and exits with 3.
 */
describe('itsm finance replay (PostgreSQL server)', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const [sales, eng, pool, ruleId, importId] = [newId(), newId(), newId(), newId(), newId()];
  const statementOfSales = `2026-03.${sales}`;

  const itsm = async (...args: string[]) => {
    const writes: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const previous = { env: process.env, exitCode: process.exitCode };
    process.env = env;
    process.exitCode = undefined;
    try {
      await createProgram().exitOverride().parseAsync(['node', 'itsm', ...args]);
      return { stdout: writes.join(''), exitCode: process.exitCode ?? EXIT.ok };
    } finally {
      write.mockRestore();
      process.env = previous.env;
      process.exitCode = previous.exitCode;
    }
  };
  const tamper = async (sql: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE event_store.events DISABLE TRIGGER events_refuse_update_delete');
      await client.query(sql);
      await client.query('ALTER TABLE event_store.events ENABLE TRIGGER events_refuse_update_delete');
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('cli_finance_replay');
    env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' };
    delete env['EVENTSTORE_URL'];
    const store: EventStore = await createPostgresEventStore({ connectionString: database.url });
    try {
      const at = '2026-03-01T00:00:00.000Z';
      await store.appendToStream(costCenterStreamId(sales), [event('CostCenterOpened', { costCenterId: sales, code: 'SALES', name: 'Sales', currency: 'EUR', parentId: null, openedAt: at })], { expectedRevision: 'no-stream' });
      await store.appendToStream(costCenterStreamId(eng), [event('CostCenterOpened', { costCenterId: eng, code: 'ENG', name: 'Engineering', currency: 'EUR', parentId: null, openedAt: at })], { expectedRevision: 'no-stream' });
      await store.appendToStream(costPoolStreamId(pool), [event('CostPoolOpened', { costPoolId: pool, name: 'Hosting', currency: 'EUR', ownerCostCenterId: sales, openedAt: at })], { expectedRevision: 'no-stream' });
      await store.appendToStream(allocationRuleStreamId(ruleId), [event('AllocationRuleDefined', { ruleId, name: 'Hosting', source: { kind: 'pool', id: pool }, method: { kind: 'equal', consumerCostCenterIds: [sales, eng] }, definedAt: at })], { expectedRevision: 'no-stream' });
      const lines = [
        { lineNumber: 2, postedOn: '2026-03-02', account: '6200', target: { kind: 'cost-pool', id: pool }, amount: eur('100.01'), sourceReference: 'JE-1', description: 'Hosting' },
        { lineNumber: 3, postedOn: '2026-03-03', account: '6100', target: { kind: 'cost-center', id: eng }, amount: eur('20.00'), sourceReference: 'JE-2', description: 'Books' },
      ];
      await store.appendToStream(
        ledgerImportStreamId(importId),
        [
          event('LedgerImported', { importId, contentSha256: 'a'.repeat(64), fileName: 'gl.csv', lineCount: 2, chunkCount: 1, totals: [eur('120.01')], firstPostedOn: '2026-03-02', lastPostedOn: '2026-03-03', importedAt: at }),
          event('LedgerLinesImported', { importId, chunk: 1, lines }),
        ],
        { expectedRevision: 'no-stream' },
      );
      // The period's command side without a host: the handlers on the kernel's pipeline (ports of other processes faked).
      const periods = new PeriodStreams(new WritePipeline({ store }), systemClock);
      const reader = new PeriodInputsReader(store);
      const incidents: FinanceIncidents = { workLogged: async () => [], slaBreaches: async () => [] };
      const credits: PeriodCredits = { creditsFor: async () => [] };
      const writer = { actor: { id: 'fiona', role: 'finance' as const }, correlationId: newId() };
      await new RunPeriodHandler(periods, reader, store, incidents, { reportingCurrency: 'EUR' }, credits).execute({ period: '2026-03' }, writer);
      await new PublishStatementsHandler(periods, reader).execute({ period: '2026-03', mode: 'chargeback' }, writer);
      await new ClosePeriodHandler(periods).execute('2026-03', writer);
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('re-computes the closed period with the versions it recorded: every hash matches, exit 0', async () => {
    const replay = await runFinanceReplay({ period: '2026-03', env, quiet: true, progressBar: false });
    expect(replay).toMatchObject({ period: '2026-03', status: 'closed', runNumber: 1, matches: true, inputDifferences: [] });
    expect(replay.statements.map((statement) => [statement.statementId, statement.matches])).toEqual([[statementOfSales, true], [`2026-03.${eng}`, true]].sort(([a], [b]) => (a < b ? -1 : 1)));
    const { stdout, exitCode } = await itsm('finance', 'replay', '--period', '2026-03');
    expect(exitCode).toBe(EXIT.ok);
    expect(stdout).toMatch(/^Replay of 2026-03 \(closed, run 1, log up to position \d+\): every statement hash matches\n/);
    expect(stdout).toContain(`MATCH    ${statementOfSales} `);
    const json = JSON.parse((await itsm('finance', 'replay', '--period', '2026-03', '--json')).stdout);
    expect(json.matches).toBe(true);
  });

  it('exits with 3 naming a statement changed behind the store', async () => {
    await tamper(`UPDATE event_store.events SET data = jsonb_set(data, '{lines,0,description}', '"tampered"'), canonical_data = jsonb_set(data, '{lines,0,description}', '"tampered"')::text WHERE type = 'StatementPublished' AND data->>'statementId' = '${statementOfSales}'`);
    const { stdout, exitCode } = await itsm('finance', 'replay', '--period', '2026-03');
    expect(exitCode).toBe(EXIT.replayMismatch);
    expect(stdout).toContain(`MISMATCH ${statementOfSales} recorded `);
    expect(stdout).toContain(`MATCH    2026-03.${eng}`);
  });

  it('exits with 3 when an input changed under the run: the ledger line, named, and the statements it changes', async () => {
    await tamper(`UPDATE event_store.events SET data = jsonb_set(data, '{lines,1,amount,amount}', '"21.00"'), canonical_data = jsonb_set(data, '{lines,1,amount,amount}', '"21.00"')::text WHERE type = 'LedgerLinesImported'`);
    const replay = await runFinanceReplay({ period: '2026-03', env, quiet: true, progressBar: false });
    expect(replay.matches).toBe(false);
    expect(replay.inputDifferences.map((difference) => difference.input)).toEqual([`ledger import ${importId}`]);
    const engineering = replay.statements.find((statement) => statement.statementId === `2026-03.${eng}`)!;
    // 20.00 became 21.00 on the engineering cost center's own ledger line: its statement computes to another hash.
    expect([engineering.matches, engineering.storedHash === engineering.recordedHash, engineering.replayedHash === engineering.recordedHash]).toEqual([false, true, false]);
    const { stdout, exitCode } = await itsm('finance', 'replay', '--period', '2026-03');
    expect(exitCode).toBe(EXIT.replayMismatch);
    expect(stdout).toContain(`INPUT CHANGED ledger import ${importId}`);
  });

  it('refuses a period with nothing published', async () => {
    await expect(runFinanceReplay({ period: '2026-04', env, quiet: true, progressBar: false })).rejects.toThrow('Period 2026-04 has no published statements to replay (it is untouched)');
  });
});
