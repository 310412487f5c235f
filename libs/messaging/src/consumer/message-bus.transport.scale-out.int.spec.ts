import type { INestMicroservice } from '@nestjs/common';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { toCloudEventMessage } from '../cloudevents';
import { createKafkaMessageBus, type KafkaMessageBus } from '../kafka/kafka-message-bus.adapter';
import { describeWithKafka } from '../kafka/describe-with-kafka';
import { KafkaGroupWitness, type GroupSnapshot } from '../kafka/kafka-group-witness';
import { uniqueGroup, uniqueTopic } from '../testing/message-bus-contract.helpers';
import { ChildConsumer } from './testing/child-consumer';
import { startConsumerApp } from './testing/consumer-app';
import { openPostgresTestDatabase, testDatabaseUrl, type ConsumerTestDatabase } from './testing/consumer-test-databases';
import { catalogEvent, createServicesTable, newProbe, type ServiceDirectoryProbe } from './testing/service-directory.fixture';

const PARTITIONS = 6;
const STREAMS = 30;
const ROUNDS = 30;
/** The broker's floor: the killed member's partitions move after this. */
const SESSION_TIMEOUT_MS = 6000;
const STEP_LIMIT_MS = 60_000;

describeWithKafka('MessageBusTransport scaled out: one group, a member killed mid-stream, another joining', (brokers) => {
  // For a hung run, not a speed check: the killed member is a child process compiled from source.
  jest.setTimeout(5 * 60_000);
  const topic = uniqueTopic('scale-out');
  const groupId = uniqueGroup('directory');
  const apps: INestMicroservice[] = [];
  const buses: KafkaMessageBus[] = [];
  const probes: ServiceDirectoryProbe[] = [];
  let db: ConsumerTestDatabase;
  let kafka: KafkaGroupWitness;
  let publisher: KafkaMessageBus;
  let child: ChildConsumer | undefined;

  /** A member in this process, as each service instance runs it: its own Kafka client, the same group. */
  const startMember = async () => {
    const bus = createKafkaMessageBus({
      brokers,
      clientId: 'scale-out-spec-member',
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      // kafkajs' NOTHING: it logs every heartbeat answered "rebalancing" as an error, and this spec rebalances on purpose.
      logLevel: 0,
    });
    const probe = newProbe();
    buses.push(bus);
    probes.push(probe);
    apps.push(await startConsumerApp({ bus, executor: db.executor, schema: db.schema, topic, groupId, probe }));
  };
  const groupSettled = (members: number, also: (group: GroupSnapshot) => boolean = () => true) => {
    let last: GroupSnapshot | undefined;
    return waitUntil(
      () => `the group stable with ${members} members holding all ${PARTITIONS} partitions; last seen ${JSON.stringify(last)}`,
      async () => {
        const group = await kafka.describeGroup(groupId).catch(() => undefined);
        if (!group) return undefined;
        last = group;
        const held = group.members.flatMap((member) => member.partitions);
        const settled =
          group.state === 'Stable' &&
          group.members.length === members &&
          group.members.every((member) => member.partitions.length > 0) &&
          new Set(held).size === PARTITIONS &&
          held.length === PARTITIONS &&
          also(group);
        return settled && group;
      },
      STEP_LIMIT_MS,
      100,
    );
  };
  const count = async (sql: string) => Number((await db.executor.query<{ count: string }>(sql))[0].count);

  beforeAll(async () => {
    db = openPostgresTestDatabase();
    await createServicesTable(db.executor, db.schema);
    kafka = new KafkaGroupWitness(brokers, 'scale-out-spec');
    await kafka.createTopics([topic], PARTITIONS);
    publisher = createKafkaMessageBus({ brokers, clientId: 'scale-out-spec-publisher' });
  });

  afterAll(async () => {
    await child?.kill();
    for (const app of apps) await app.close();
    await Promise.all([...buses, publisher].map((bus) => bus?.close()));
    await kafka?.close({ topics: [topic], groups: [groupId] });
    await db?.dispose();
  });

  it('records each event once in handled_events and applies its effect once', async () => {
    child = new ChildConsumer('group-member-consumer.main.ts', {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      DATABASE_URL: testDatabaseUrl(),
      CONSUMER_SCHEMA: db.schema,
      CONSUMER_TOPIC: topic,
      CONSUMER_GROUP: groupId,
    });
    await child.next('listening', STEP_LIMIT_MS);
    await startMember();
    await startMember();
    const beforeKill = await groupSettled(3);

    // A steady stream: one event per stream and round, each stream (key) in order on its partition.
    const streams = Array.from({ length: STREAMS }, (_, index) => `service-${index}`);
    const published: RecordedEvent[] = [];
    let killed = false;
    for (let round = 0; round < ROUNDS; round++) {
      const events = streams.map((streamId) =>
        catalogEvent('ServiceRegistered', { name: `${streamId} r${round}`, tier: 'gold' }, { schemaVersion: 2, streamId, streamRevision: round }),
      );
      await publisher.publish(events.map((event) => ({ ...toCloudEventMessage(event), topic })));
      published.push(...events);
      if (round === ROUNDS / 3) {
        // Mid-stream, once the child has committed effects of its own: a hard stop, offsets of its last ones uncommitted.
        await waitUntil('effects of the child member', () => (child?.count('effect-committed') ?? 0) >= 10, STEP_LIMIT_MS);
        expect(await child.kill()).toBe('SIGKILL');
        killed = true;
        await startMember();
      }
    }
    expect(killed).toBe(true);

    const members = beforeKill.members.map((member) => member.memberId);
    await groupSettled(3, (group) => group.members.filter((member) => members.includes(member.memberId)).length === 2);
    await waitUntil('the group to commit every message', async () => (await kafka.lag(groupId, [topic])) === 0, STEP_LIMIT_MS, 100);

    expect(await count(`SELECT count(*) FROM "${db.schema}".services`)).toBe(published.length);
    expect(await count(`SELECT count(DISTINCT name) FROM "${db.schema}".services`)).toBe(published.length);
    const handled = await db.executor.query<{ event_id: string }>(`SELECT event_id FROM "${db.schema}".handled_events WHERE consumer_name = $1`, [
      groupId,
    ]);
    expect(handled.map((row) => row.event_id).sort()).toEqual(published.map((event) => event.eventId).sort());
    const redelivered = probes.flatMap((probe) => probe.registered).filter((call) => !call.applied).length;
    process.stdout.write(`transport scale-out: ${published.length} events, ${child.count('effect-committed')} applied by the killed member, ${redelivered} redelivered and skipped\n`);
  });
});
