import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FinanceModule } from '@itsm/finance-api';
import { financeApplicationProjections } from '@itsm/finance-application';
import { createFinanceReadModels, financeProjections } from '@itsm/finance-read-models';
import { applyGatewayConventions, EventStoreModule, GatewayModule, ProjectionsModule, signAccessToken, validateRuntimeConfig } from '@itsm/platform-kit';
import { describeImport, importLedgerFile } from './finance-import-ledger';

const SECRET = 'cli-finance-spec-secret-of-32-characters!';

/** `itsm finance import-ledger` against the finance routes in this process (PGlite in a temp folder). */
describe('itsm finance import-ledger', () => {
  let dataDir: string;
  let app: INestApplication;
  let url: string;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'itsm-cli-finance-'));
    const env = { LOG_LEVEL: 'silent', ITSM_DATA_DIR: dataDir, ITSM_JWT_SECRET: SECRET, ITSM_RATE_LIMIT: '0', ITSM_EMBEDDED_ENGINE: 'pglite' };
    @Module({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
        EventStoreModule,
        GatewayModule.forRoot(),
        ProjectionsModule.forRoot([...financeProjections, ...financeApplicationProjections()]),
        FinanceModule.forRoot({ readModels: createFinanceReadModels, env: {} }),
      ],
    })
    class CliFinanceModule {}
    app = applyGatewayConventions(await NestFactory.create(CliFinanceModule, { logger: false }));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    token = await signAccessToken({ sub: 'fiona', name: 'Fiona', roles: ['finance'] }, { secret: new TextEncoder().encode(SECRET) });
    const opened = await fetch(`${url}/api/v1/finance/cost-centers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'IT-OPS', name: 'IT operations', currency: 'EUR' }),
    });
    expect(opened.status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const file = (name: string, lines: string[]) => {
    const path = join(dataDir, name);
    writeFileSync(path, `date,account,cost_center,amount,currency,source_reference,description\n${lines.join('\n')}\n`);
    return path;
  };

  it('streams a file to the API, reports the server’s progress and says what was imported', async () => {
    const lines = Array.from({ length: 3000 }, (_, index) => `2026-03-${String((index % 28) + 1).padStart(2, '0')},6200,IT-OPS,1.00,${index % 2 ? 'EUR' : 'USD'},JE-${index},Licence seat ${index}`);
    const progress: number[] = [];
    const result = await importLedgerFile({ file: file('gl.csv', lines), url, token, pollMs: 20, onProgress: ({ bytesReceived }) => progress.push(bytesReceived) });
    expect([result.status, result.body['processed'], result.body['fileName']]).toEqual([201, 3000, 'gl.csv']);
    expect(progress.at(-1)).toBeGreaterThan(0);
    expect(describeImport(result)).toEqual([`imported 3000 lines as ledger import ${result.importId} (totals: EUR 1500.00, USD 1500.00)`]);
  });

  it('lists every bad line by number when the file is refused, and imports nothing', async () => {
    const result = await importLedgerFile({ file: file('bad.csv', ['2026-03-01,6200,IT-OPS,1.00,EUR,JE-1,ok', '2026-03-01,6200,NOPE,1.00,EUR,JE-2,unknown', '2026-03-01,6200,IT-OPS,1.00,EURO,JE-3,bad']), url, token });
    expect(result.status).toBe(400);
    expect(describeImport(result)).toEqual([
      'not imported (HTTP 400): 2 bad lines in the ledger file: nothing was imported',
      '  line 3: cost_center "NOPE" is not a cost center finance knows',
      '  line 4: "EURO" is not an ISO 4217 currency code this platform knows (EUR, USD, JPY, …)',
    ]);
  });
});
