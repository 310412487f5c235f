import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditCheckpointer, resolveAuditSigner, SqlAuditTree } from '@itsm/audit-application';
import { incidentStreamId, PERSONAL_DATA_FIELDS, type IncidentOpenedV1 } from '@itsm/contracts';
import { newId } from '@itsm/event-sourcing';
import { createPgExecutor, createPostgresEventStore, ERASED_FIELD_VALUE, protectPersonalData, sqlSubjectKeys } from '@itsm/event-store';
import { createTestDatabase, validateRuntimeConfig, type TestDatabase } from '@itsm/platform-kit';
import { UsageError } from '../cli/exit-codes';
import { runErase } from './erase.command';
import { runVerify } from './verify.command';

const opened = (callerId: string, number: string): IncidentOpenedV1 => ({
  incidentId: newId(),
  number,
  callerId,
  shortDescription: `printer of ${callerId}`,
  description: `${callerId} on the third floor`,
  serviceId: newId(),
  offeringId: null,
  impact: 2,
  urgency: 2,
  priority: 'P3',
  state: 'new',
  openedAt: '2026-12-01T09:00:00.000Z',
});

/** `itsm erase` on the PostgreSQL server (DATABASE_URL): keys gone, SubjectErased recorded, read models rebuilt, the log still verifies. */
describe('itsm erase (PostgreSQL server)', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  const ada = opened('caller-ada', 'INC0000001');
  const bob = opened('caller-bob', 'INC0000002');
  const access = () => ({ env, quiet: true, progressBar: false, json: true });
  const openLog = async () => {
    const stored = await createPostgresEventStore({ connectionString: database.url });
    const db = createPgExecutor({ connectionString: database.url, max: 2 });
    const store = protectPersonalData(stored, { keys: await sqlSubjectKeys(db), policy: PERSONAL_DATA_FIELDS });
    return { store, db, close: async () => void (await store.close(), await db.close()) };
  };

  beforeAll(async () => {
    database = await createTestDatabase('cli_erase');
    folder = mkdtempSync(join(tmpdir(), 'itsm-cli-erase-'));
    env = { ...process.env, DATABASE_URL: database.url, ITSM_DATA_DIR: join(folder, 'data'), LOG_LEVEL: 'silent' };
    delete env['EVENTSTORE_URL'];
    delete env['ITSM_AUDIT_SIGNING_KEY'];
    const log = await openLog();
    try {
      const metadata = { actor: { id: 'adam', role: 'agent', via: 'api' }, correlationId: newId() };
      for (const data of [ada, bob]) await log.store.appendToStream(incidentStreamId(data.incidentId), [{ type: 'IncidentOpened', data, metadata }], { expectedRevision: 'no-stream' });
      const settings = validateRuntimeConfig(env);
      await new AuditCheckpointer({ store: log.store.stored, tree: new SqlAuditTree(log.db), signer: resolveAuditSigner(settings), origin: settings.ITSM_AUDIT_ORIGIN, everyEvents: 1 }).catchUp();
    } finally {
      await log.close();
    }
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses a missing or malformed subject as a usage error', async () => {
    await expect(runErase({ ...access(), subject: '' })).rejects.toThrow(UsageError);
    await expect(runErase({ ...access(), subject: 'x'.repeat(201) })).rejects.toThrow(UsageError);
  });

  it("erases one caller's fields, records the erasure, rebuilds the read models, and the log still verifies", async () => {
    const result = await runErase({ ...access(), subject: ada.callerId });
    expect(result).toMatchObject({ subjectRef: expect.stringMatching(/^[0-9a-f]{64}$/), keysErased: 1, readModels: expect.arrayContaining(['incident_list']) });
    expect(result.rebuilt.map((progress) => progress.projection)).toEqual(result.readModels);
    expect(result.rebuilt.every((progress) => progress.state === 'done')).toBe(true);

    const log = await openLog();
    try {
      expect((await log.store.readStream(incidentStreamId(ada.incidentId)))[0].data).toEqual({
        ...ada,
        callerId: ERASED_FIELD_VALUE,
        shortDescription: ERASED_FIELD_VALUE,
        description: ERASED_FIELD_VALUE,
      });
      expect((await log.store.readStream(incidentStreamId(bob.incidentId)))[0].data).toEqual(bob);
      const [erasure] = await log.store.readStream(`data-subject-${result.subjectRef}`);
      expect(erasure).toMatchObject({ type: 'SubjectErased', actor: { role: 'admin', via: 'cli' }, data: { subjectRef: result.subjectRef, keysErased: 1 } });
      expect(JSON.stringify(erasure)).not.toContain(ada.callerId);
      const rows = await log.db.query<{ caller_id: string; short_description: string }>(`SELECT caller_id, short_description FROM read_models.incident_list ORDER BY number`);
      expect(rows).toEqual([
        { caller_id: ERASED_FIELD_VALUE, short_description: ERASED_FIELD_VALUE },
        { caller_id: bob.callerId, short_description: bob.shortDescription },
      ]);
    } finally {
      await log.close();
    }
    expect(await runVerify({ env, quiet: true, progressBar: false })).toMatchObject({ ok: true, firstFailure: null });
  });
});
