import { Webhook } from 'standardwebhooks';
import { describeWithKafka } from '@itsm/messaging';
import { APP_START_LIMIT_MS, createTestDatabase, freePort, startAppProcess, waitUntil, type AppProcess, type TestDatabase } from '@itsm/platform-kit';
import { TestReceiver } from '@itsm/webhooks-application/testing';
import { bearer, DISTRIBUTED_JWT_SECRET, header, jsonCallsTo, watchEventTopics, type EventTopicsWitness } from './testing/distributed-harness';

/** The webhooks process's consumer groups (before ITSM_TOPIC_PREFIX): its projections and the fan-out. */
const CONSUMER_GROUPS = ['webhooks', 'webhooks-webhook-fanout'];

/**
 * Webhooks in the distributed shape: gateway → service-catalog and webhooks, each its own process with its own
 * database and relay. The webhooks process learns both the subscription and the catalog's events from Kafka only, in
 * its own consumer group, and delivers to a receiver on 127.0.0.1.
 */
describeWithKafka('distributed shape: webhook deliveries from Kafka, subscribed through the gateway', (brokers) => {
  jest.setTimeout(10 * 60_000);
  const processes: AppProcess[] = [];
  const databases: TestDatabase[] = [];
  let topics: EventTopicsWitness;
  let receiver: TestReceiver;
  let gatewayUrl: string;
  const call = jsonCallsTo(() => gatewayUrl);

  beforeAll(async () => {
    const [catalogDatabase, webhooksDatabase, witness] = await Promise.all([
      createTestDatabase('itsm_dist_wh_catalog'),
      createTestDatabase('itsm_dist_wh_webhooks'),
      watchEventTopics(brokers, 'dist-webhooks'),
    ]);
    databases.push(catalogDatabase, webhooksDatabase);
    topics = witness;
    receiver = await TestReceiver.start();
    const [catalogPort, webhooksPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const shared = { ITSM_JWT_SECRET: DISTRIBUTED_JWT_SECRET, HOST: '127.0.0.1', LOG_LEVEL: 'info', ITSM_RATE_LIMIT: '0' };
    const kafka = { KAFKA_BROKERS: brokers.join(','), ITSM_TOPIC_PREFIX: topics.prefix };
    const catalog = startAppProcess('service-catalog', { ...shared, DATABASE_URL: catalogDatabase.url, PORT: String(catalogPort) });
    const webhooks = startAppProcess('webhooks', {
      ...shared,
      ...kafka,
      DATABASE_URL: webhooksDatabase.url,
      PORT: String(webhooksPort),
      ITSM_WEBHOOKS_ALLOW_PRIVATE: 'loopback',
      ITSM_WEBHOOKS_POLL_MS: '50',
    });
    processes.push(catalog, webhooks);
    await Promise.all([catalog.waitFor(/^service-catalog listening/, APP_START_LIMIT_MS), webhooks.waitFor(/^webhooks listening/, APP_START_LIMIT_MS)]);
    const relayOn = (database: TestDatabase) => startAppProcess('relay', { DATABASE_URL: database.url, ...kafka, RELAY_PROGRESS_INTERVAL_MS: '1000' });
    const relays = [relayOn(catalogDatabase), relayOn(webhooksDatabase)];
    const gateway = startAppProcess('gateway', {
      ...shared,
      PORT: String(gatewayPort),
      CATALOG_SERVICE_URL: `http://127.0.0.1:${catalogPort}`,
      WEBHOOKS_SERVICE_URL: `http://127.0.0.1:${webhooksPort}`,
    });
    processes.push(...relays, gateway);
    await Promise.all([...relays.map((relay) => relay.waitFor(/^relay started$/, APP_START_LIMIT_MS)), gateway.waitFor(/^gateway listening/, APP_START_LIMIT_MS)]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await receiver?.stop();
    await topics?.close(CONSUMER_GROUPS);
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('delivers a service registered at the catalog to a receiver subscribed at the gateway, signed', async () => {
    const admin = await bearer(['admin']);
    const subscribed = await call('/api/v1/webhooks', { method: 'POST', headers: admin, body: { url: `${receiver.baseUrl}/dist`, eventTypes: ['ServiceRegistered'] } });
    expect(subscribed.status).toBe(201);
    const { id, secret } = subscribed.body as { id: string; secret: string };
    // The subscription reaches the fan-out through Kafka, on another topic than the catalog's: wait until its group has it.
    const created = await topics.waitForSubject('webhooks', `webhook-${id}`, 1, 60_000);
    expect(header(created[0].message, 'ce_type')).toBe('itsm.webhooks.WebhookSubscriptionCreated.v1');
    await topics.waitUntilGroupHandled('webhooks-webhook-fanout', created, 120_000);

    const service = await call('/api/v1/services', {
      method: 'POST',
      headers: admin,
      body: { name: 'Payroll', kind: 'business', description: 'Salaries', ownerGroup: 'hr-it', supportGroup: 'service-desk' },
    });
    expect(service.status).toBe(201);
    const [delivery] = await waitUntil('the delivery', () => receiver.on('/dist').length > 0 && receiver.on('/dist'), 120_000);
    const event = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);
    expect(event).toMatchObject({ type: 'itsm.catalog.ServiceRegistered.v2', subject: `service-${(service.body as { id: string }).id}`, data: { name: 'Payroll' } });

    const log = await waitUntil('the delivery log through the gateway', async () => {
      const answer = await call(`/api/v1/webhooks/${id}/deliveries`, { headers: admin });
      const items = (answer.body as { items: { id: string; status: string }[] }).items;
      return items[0]?.status === 'delivered' && items;
    });
    expect(log.map((item) => item.id)).toEqual([delivery.headers['webhook-id']]);
  });
});
