import { describeWithKafka } from '@itsm/messaging';
import { CHANGES_ACCEPTANCE_APPROVAL_POLICY, runChangesAcceptanceScenario } from '@itsm/changes-api/testing';
import { APP_START_LIMIT_MS, createTestDatabase, freePort, startAppProcess, type AppProcess, type TestDatabase } from '@itsm/platform-kit';
import { bearer, DISTRIBUTED_JWT_SECRET, jsonCallsTo, watchEventTopics, type EventTopicsWitness } from './testing/distributed-harness';

/**
 * The consumer groups of the processes under test (named before ITSM_TOPIC_PREFIX, as they name them): the incidents'
 * projections (their copies of the catalog and of changes), the changes' projections (their copies of the catalog and
 * of incidents) and the changes' caused-incidents process.
 */
const CONSUMER_GROUPS = ['incidents', 'changes', 'changes-change-caused-incidents'];

/**
 * Issue 10's acceptance scenario in the distributed shape: gateway → service-catalog, incidents and changes, each its
 * own process with its own database and relay, learning each other's facts from Kafka only. The steps are the ones the
 * embedded spec runs (apps/platform/test/changes-acceptance.int.spec.ts): @itsm/changes-api/testing's
 * `runChangesAcceptanceScenario`, here through the gateway.
 */
describeWithKafka('distributed shape: change enablement across catalog, incidents and changes processes over Kafka, behind the gateway', (brokers) => {
  jest.setTimeout(15 * 60_000);
  const processes: AppProcess[] = [];
  const databases: Record<'catalog' | 'incidents' | 'changes', TestDatabase | undefined> = { catalog: undefined, incidents: undefined, changes: undefined };
  let topics: EventTopicsWitness;
  let gatewayUrl: string;
  const call = jsonCallsTo(() => gatewayUrl);
  const progress = (step: string) => process.stdout.write(`changes acceptance (distributed): ${step}\n`);

  beforeAll(async () => {
    const [catalogDatabase, incidentsDatabase, changesDatabase, witness] = await Promise.all([
      createTestDatabase('itsm_dist_chg_catalog'),
      createTestDatabase('itsm_dist_chg_incidents'),
      createTestDatabase('itsm_dist_chg_changes'),
      watchEventTopics(brokers, 'dist-changes'),
    ]);
    Object.assign(databases, { catalog: catalogDatabase, incidents: incidentsDatabase, changes: changesDatabase });
    topics = witness;
    const [catalogPort, incidentsPort, changesPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const shared = { ITSM_JWT_SECRET: DISTRIBUTED_JWT_SECRET, HOST: '127.0.0.1', LOG_LEVEL: 'info', ITSM_RATE_LIMIT: '0' };
    const kafka = { KAFKA_BROKERS: brokers.join(','), ITSM_TOPIC_PREFIX: topics.prefix };

    // Each service first: it creates its event log's tables, which its relay then finds.
    progress('starting service-catalog, incidents and changes');
    const catalog = startAppProcess('service-catalog', { ...shared, DATABASE_URL: catalogDatabase.url, PORT: String(catalogPort) });
    const incidents = startAppProcess('incidents', { ...shared, ...kafka, DATABASE_URL: incidentsDatabase.url, PORT: String(incidentsPort) });
    const changes = startAppProcess('changes', {
      ...shared,
      ...kafka,
      DATABASE_URL: changesDatabase.url,
      PORT: String(changesPort),
      ITSM_CHANGE_APPROVAL_POLICY: CHANGES_ACCEPTANCE_APPROVAL_POLICY,
      ITSM_CHANGE_CAB_MEMBERS: undefined,
      ITSM_CHANGE_ECAB_MEMBERS: undefined,
    });
    processes.push(catalog, incidents, changes);
    await Promise.all([
      catalog.waitFor(/^service-catalog listening/, APP_START_LIMIT_MS),
      incidents.waitFor(/^incidents listening/, APP_START_LIMIT_MS),
      changes.waitFor(/^changes listening/, APP_START_LIMIT_MS),
    ]);
    progress('starting the relays and the gateway');
    const relayOn = (database: TestDatabase) => startAppProcess('relay', { DATABASE_URL: database.url, ...kafka, RELAY_PROGRESS_INTERVAL_MS: '1000' });
    const relays = [relayOn(catalogDatabase), relayOn(incidentsDatabase), relayOn(changesDatabase)];
    const gateway = startAppProcess('gateway', {
      ...shared,
      PORT: String(gatewayPort),
      CATALOG_SERVICE_URL: `http://127.0.0.1:${catalogPort}`,
      INCIDENTS_SERVICE_URL: `http://127.0.0.1:${incidentsPort}`,
      CHANGES_SERVICE_URL: `http://127.0.0.1:${changesPort}`,
    });
    processes.push(...relays, gateway);
    await Promise.all([...relays.map((relay) => relay.waitFor(/^relay started$/, APP_START_LIMIT_MS)), gateway.waitFor(/^gateway listening/, APP_START_LIMIT_MS)]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await topics?.close(CONSUMER_GROUPS);
    await Promise.all(Object.values(databases).map((database) => database?.drop()));
  });

  it('is ready only when the three services behind it are', async () => {
    const ready = await call('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { 'service-catalog': { status: 'up' }, incidents: { status: 'up' }, changes: { status: 'up' } } });
  });

  it('runs the acceptance scenario through the gateway, each context learning the others from Kafka only', async () => {
    const outcome = await runChangesAcceptanceScenario({
      baseUrl: gatewayUrl,
      headersFor: bearer,
      // The relay, Kafka and each consumer group stand between a write and the copies that read it.
      propagationMs: 60_000,
      progress,
    });

    // Three logs: the changes' holds only changes and freeze windows, so the catalog and the incidents reached it
    // through Kafka; neither other log holds a change.
    const streamsOf = async (database: TestDatabase | undefined) =>
      (await (database as TestDatabase).query<{ stream_id: string }>('SELECT DISTINCT stream_id FROM event_store.events')).map((row) => row.stream_id);
    const changeStreams = await streamsOf(databases.changes);
    expect(changeStreams.filter((stream) => !stream.startsWith('change-') && !stream.startsWith('freeze-window-'))).toEqual([]);
    expect(changeStreams).toEqual(expect.arrayContaining([`change-${outcome.emergencyChange.id}`, `change-${outcome.normalChange.id}`]));
    expect((await streamsOf(databases.incidents)).filter((stream) => stream.startsWith('change-'))).toEqual([]);
    expect((await streamsOf(databases.catalog)).filter((stream) => stream.startsWith('change-') || stream.startsWith('incident-'))).toEqual([]);
  });
});
