import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_CONTEXTS } from '@itsm/contracts';
import {
  describeWithKafka,
  eventsTopic,
  KafkaGroupWitness,
} from '@itsm/messaging';
import {
  startEmbeddedPlatform,
  waitUntil,
  type EmbeddedPlatformProcess,
} from '@itsm/platform-kit';
import {
  startExampleConsumer,
  type ExampleConsumerProcess,
  type ExampleLine,
} from './example-consumer-process';

const STEP_LIMIT_MS = 60_000;

describeWithKafka(
  'examples/kafka-consumer against the embedded platform publishing to Kafka',
  (brokers) => {
    // For a hung run, not a speed check: the platform compiles from source on a shared 2-core machine.
    jest.setTimeout(10 * 60_000);
    const prefix = `example-${randomUUID()}.`;
    const topics = EVENT_CONTEXTS.map(
      (context) => prefix + eventsTopic(context),
    );
    const groupId = `example-consumer-${randomUUID()}`;
    const consumers: ExampleConsumerProcess[] = [];
    let folder: string;
    let platform: EmbeddedPlatformProcess | undefined;
    let kafka: KafkaGroupWitness;

    const startConsumer = async () => {
      const consumer = startExampleConsumer({
        KAFKA_BROKERS: brokers.join(','),
        ITSM_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_ID: groupId,
      });
      consumers.push(consumer);
      await consumer.next(
        'its partitions',
        (line) => line.kind === 'partitions-assigned',
        STEP_LIMIT_MS,
      );
      return consumer;
    };
    const post = async (
      path: string,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      if (!platform) throw new Error('the platform is not running');
      const answer = await platform.call(path, {
        method: 'POST',
        body,
        headers,
      });
      if (answer.status !== 200 && answer.status !== 201)
        throw new Error(
          `POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
        );
      return answer;
    };
    const eventOf = (
      consumer: ExampleConsumerProcess,
      type: string,
      subject: string,
    ) =>
      consumer.next(
        `${type} of ${subject}`,
        (line) =>
          line.kind === 'event' &&
          line.type === type &&
          line.subject === subject,
        STEP_LIMIT_MS,
      );

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'itsm-example-consumer-'));
      // The embedded PostgreSQL runs as the postgres account when the specs run as root: it must reach the folder.
      chmodSync(folder, 0o755);
      kafka = new KafkaGroupWitness(brokers, 'itsm-example-consumer-spec');
      // As the platform's bus makes them (3 partitions), before the example subscribes to them.
      await kafka.createTopics(topics, 3);
      platform = await startEmbeddedPlatform(join(folder, 'data'), {
        KAFKA_BROKERS: brokers.join(','),
        ITSM_TOPIC_PREFIX: prefix,
      });
    });

    afterAll(async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await platform?.process.stop();
      await kafka?.close({ topics, groups: [groupId] });
      rmSync(folder, { recursive: true, force: true });
    });

    it('receives the CloudEvents of a service and an incident created over HTTP, commits them once handled, and shares the partitions with a second instance', async () => {
      const first = await startConsumer();

      const service = await post('/api/v1/services', {
        name: 'Email',
        kind: 'business',
        description: 'Corporate mail',
        ownerGroup: 'messaging',
        supportGroup: 'service-desk',
      });
      const live = await post(
        `/api/v1/services/${service.body.id}/go-live`,
        {},
      );
      const incident = await post(
        '/api/v1/incidents',
        {
          shortDescription: 'Mail down',
          description: 'No mail since 9:00',
          callerId: 'caller-1',
          serviceId: service.body.id,
          impact: 1,
          urgency: 1,
        },
        // The incidents' copy of the catalog learns the service from its events: wait until it has the go-live.
        { 'x-wait-for-position': live.headers.get('x-log-position') ?? '' },
      );

      const registered = await eventOf(
        first,
        'itsm.catalog.ServiceRegistered.v2',
        `service-${service.body.id}`,
      );
      const opened = await eventOf(
        first,
        'itsm.incidents.IncidentOpened.v1',
        `incident-${incident.body.id}`,
      );
      expect(registered).toMatchObject({
        source: '/itsm/catalog',
        topic: prefix + eventsTopic('catalog'),
        data: {
          serviceId: service.body.id,
          name: 'Email',
          number: service.body.number,
        },
      });
      expect(opened).toMatchObject({
        source: '/itsm/incidents',
        topic: prefix + eventsTopic('incidents'),
        data: {
          incidentId: incident.body.id,
          number: incident.body.number,
          serviceId: service.body.id,
        },
      });
      expect(Number(opened.sequence)).toBeGreaterThan(
        Number(registered.sequence),
      );
      await eventOf(
        first,
        'itsm.catalog.ServiceWentLive.v1',
        `service-${service.body.id}`,
      );
      // Committed after handling: the group has nothing left to read.
      await waitUntil(
        'the example to commit what it handled',
        async () => (await kafka.lag(groupId, topics)) === 0,
        STEP_LIMIT_MS,
        100,
      );
      expect(await first.stop()).toBe(0);

      // Two instances in the same group now: they share the partitions, and resume after the first one's commits.
      const [second, third] = await Promise.all([
        startConsumer(),
        startConsumer(),
      ]);
      await waitUntil(
        'both instances to hold partitions',
        async () => {
          const group = await kafka.describeGroup(groupId);
          return (
            group.state === 'Stable' &&
            group.members.length === 2 &&
            group.members.every((member) => member.partitions.length > 0)
          );
        },
        STEP_LIMIT_MS,
        100,
      );
      const another = await post('/api/v1/services', {
        name: 'Chat',
        kind: 'business',
        description: 'Team chat',
        ownerGroup: 'messaging',
        supportGroup: 'service-desk',
      });
      const subject = `service-${another.body.id}`;
      await waitUntil(
        'the new service registered at one of the instances',
        () =>
          [second, third].some((consumer) =>
            consumer.lines.some(
              (line) => line.kind === 'event' && line.subject === subject,
            ),
          ),
        STEP_LIMIT_MS,
      );
      await waitUntil(
        'the instances to commit',
        async () => (await kafka.lag(groupId, topics)) === 0,
        STEP_LIMIT_MS,
        100,
      );

      const events = (consumer: ExampleConsumerProcess) =>
        consumer.lines
          .filter((line: ExampleLine) => line.kind === 'event')
          .map((line) => line.id as string);
      const later = [...events(second), ...events(third)];
      expect(later.filter((id) => events(first).includes(id))).toEqual([]);
      expect(new Set(later).size).toBe(later.length);
      expect(
        [second, third].flatMap((consumer) =>
          consumer.lines.filter(
            (line) => line.kind === 'event' && line.subject === subject,
          ),
        ),
      ).toHaveLength(1);
    });
  },
);
