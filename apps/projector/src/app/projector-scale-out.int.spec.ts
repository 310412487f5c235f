import { randomUUID } from 'node:crypto';
import { EVENT_CONTEXTS } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { createKafkaMessageBus, describeWithKafka, eventsTopic, EventRelay, KafkaGroupWitness, type GroupSnapshot, type KafkaMessageBus } from '@itsm/messaging';
import {
  APP_START_LIMIT_MS,
  createTestDatabase,
  freePort,
  openEventLog,
  startAppProcess,
  waitUntil,
  type AppProcess,
  type EventLog,
  type TestDatabase,
} from '@itsm/platform-kit';
import { SteadyEventStream } from '../testing/steady-event-stream';

/** Partitions per events topic: more than the instances, so each instance holds several and a rebalance moves some. */
const PARTITIONS = 6;
const STREAMS = 24;
/** A round appends one event to each stream: about 100 events/s, a stream that lasts through the kill and the join. */
const ROUND_PAUSE_MS = 250;
/** The broker's floor is 6 s; a little more so a busy machine's slow heartbeat does not look like a crash. */
const SESSION_TIMEOUT_MS = 8000;
/** How long the spec waits for each step of the group (a member's session expiring, a rebalance, a catch-up). */
const GROUP_STEP_LIMIT_MS = 60_000;

interface StreamHead {
  eventCount: number;
  lastRevision: number;
  lastEventId: string;
}

describeWithKafka('projector scale-out: one consumer group of three processes, one killed mid-stream, one joining', (brokers) => {
  // For a hung run, not a speed check: four projector processes compile from source on a shared 2-core machine.
  jest.setTimeout(15 * 60_000);
  const prefix = `scaleout-${randomUUID()}.`;
  // The projector names its consumer group `projector` after the topic prefix (ITSM_TOPIC_PREFIX).
  const groupId = `${prefix}projector`;
  const topics = EVENT_CONTEXTS.map((context) => prefix + eventsTopic(context));
  const instances: AppProcess[] = [];
  let database: TestDatabase;
  let log: EventLog;
  let bus: KafkaMessageBus;
  let relay: EventRelay;
  let kafka: KafkaGroupWitness;
  let stream: SteadyEventStream | undefined;
  const startedAt = Date.now();
  const phase = (what: string) => process.stdout.write(`scale-out +${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${what}\n`);

  const startProjector = async (): Promise<AppProcess> => {
    const projector = startAppProcess('projector', {
      DATABASE_URL: database.url,
      EVENTSTORE_URL: undefined,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      ITSM_TOPIC_PREFIX: prefix,
      PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    instances.push(projector);
    await projector.waitFor(/^Projector listening/, APP_START_LIMIT_MS);
    return projector;
  };

  /** Waits until the group is stable with `members` members that share every partition of the topics (and `also` holds). */
  const groupSettledWith = (members: number, why: string, also: (group: GroupSnapshot) => boolean = () => true): Promise<GroupSnapshot> => {
    let last: GroupSnapshot | undefined;
    return waitUntil(
      () => `${why}: the group stable with ${members} members holding all ${topics.length * PARTITIONS} partitions; last seen ${JSON.stringify(last)}`,
      async () => {
        const group = await kafka.describeGroup(groupId).catch(() => undefined);
        if (!group) return undefined;
        last = group;
        const held = group.members.flatMap((member) => member.partitions);
        const settled =
          group.state === 'Stable' &&
          group.members.length === members &&
          group.members.every((member) => member.partitions.length > 0) &&
          new Set(held).size === topics.length * PARTITIONS &&
          held.length === topics.length * PARTITIONS &&
          also(group);
        return settled && group;
      },
      GROUP_STEP_LIMIT_MS,
    );
  };

  const projectedEvents = async (): Promise<number> => {
    const [row] = await database.query<{ total: number }>(`SELECT coalesce(sum(event_count), 0)::int AS total FROM read_models.stream_heads`);
    return row.total;
  };

  const readWholeLog = async (): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for (let fromPosition = -1; ; ) {
      const page = await log.storedStore.readAll({ fromPosition, maxCount: 2000 });
      events.push(...page.events);
      if (page.events.length === 0) return events;
      fromPosition = page.lastPosition;
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('itsm_scaleout');
    // The log's tables first, so the projectors find them rather than race to create them.
    log = await openEventLog({ DATABASE_URL: database.url, ITSM_DATA_DIR: 'unused-with-a-database-url' });
    kafka = new KafkaGroupWitness(brokers, 'itsm-scale-out-spec');
    await kafka.createTopics(topics, PARTITIONS);
    phase('database and topics ready');
    bus = createKafkaMessageBus({ brokers, clientId: 'itsm-scale-out-spec-relay', numPartitions: PARTITIONS });
    relay = new EventRelay({ store: log.store, bus, executor: log.db, topicPrefix: prefix });
  });

  afterAll(async () => {
    stream?.finishAfter(0);
    await stream?.finished.catch(() => undefined);
    for (const instance of instances) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((instance) => instance.exited));
    await relay?.stop();
    await bus?.close();
    await kafka?.close({ topics, groups: [groupId] });
    await log?.close();
    await database?.drop();
  });

  it('applies every event exactly once while partitions move from a killed instance to the others and to a new one', async () => {
    // Three instances of the real projector (apps/projector), one consumer group, each an OS process.
    const [first, doomed, third] = await Promise.all([startProjector(), startProjector(), startProjector()]);
    const beforeKill = await groupSettledWith(3, 'three instances started');
    phase('three instances in the group');

    // A steady stream through the real relay: log → Kafka (CloudEvents, key = stream id) → the projectors.
    await relay.start();
    stream = new SteadyEventStream(log.store, STREAMS, ROUND_PAUSE_MS);
    await waitUntil('the projectors to apply 300 events', async () => (await projectedEvents()) >= 300, GROUP_STEP_LIMIT_MS, 50);

    // A hard stop in the middle of its batches: no commit of what it applied last, no leave-group request.
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    phase('killed one');
    const appliedAtKill = await projectedEvents();

    // A replacement starts at once, as an orchestrator would start one. Its partitions come once the killed member's
    // session has expired (until then nobody reads the killed one's partitions; the two others may take them first).
    await startProjector();
    phase('a new instance listens');
    const membersBefore = beforeKill.members.map((member) => member.memberId);
    const afterJoin = await groupSettledWith(
      3,
      'the killed member gone and the new one in',
      (group) => group.members.filter((member) => membersBefore.includes(member.memberId)).length === 2,
    );
    phase('the new instance holds partitions');
    const joiner = afterJoin.members.find((member) => !membersBefore.includes(member.memberId));
    expect(joiner?.partitions.length).toBeGreaterThan(0);
    const appliedAtJoin = await projectedEvents();

    // Some more of the stream with the new member in place, then the end of it.
    stream.finishAfter(20);
    const appended = await stream.finished;
    phase('stream finished');
    const logEvents = await readWholeLog();
    expect(logEvents).toHaveLength(appended);
    const head = logEvents[logEvents.length - 1].globalPosition;
    await waitUntil(`the relay to publish up to position ${head}`, () => relay.progress().lastPosition === head, GROUP_STEP_LIMIT_MS, 50);
    // Every message handled and its offset committed: nothing further can come to this group.
    await waitUntil('the group to commit every message', async () => (await kafka.lag(groupId, topics)) === 0, GROUP_STEP_LIMIT_MS, 100);
    phase('group caught up');
    process.stdout.write(
      `scale-out: ${appended} events on ${STREAMS} streams; applied ${appliedAtKill} when an instance was killed, ` +
        `${appliedAtJoin} when the new one joined (holding ${joiner?.partitions.length} of ${topics.length * PARTITIONS} partitions)\n`,
    );

    // The effects against the log: per stream its event count, last revision and last event; per type its count.
    const expectedHeads = new Map<string, StreamHead>();
    const expectedTypes = new Map<string, number>();
    for (const event of logEvents) {
      const seen = expectedHeads.get(event.streamId);
      expectedHeads.set(event.streamId, { eventCount: (seen?.eventCount ?? 0) + 1, lastRevision: event.streamRevision, lastEventId: event.eventId });
      expectedTypes.set(event.type, (expectedTypes.get(event.type) ?? 0) + 1);
    }
    const heads = await database.query<{ stream_id: string; event_count: number; last_revision: number; last_event_id: string }>(
      `SELECT stream_id, event_count, last_revision, last_event_id FROM read_models.stream_heads`,
    );
    const types = await database.query<{ event_type: string; event_count: string }>(`SELECT event_type, event_count FROM read_models.event_type_counts`);
    const revisions = await database.query<{ stream_id: string; revision: number }>(
      `SELECT stream_id, revision FROM projections.stream_checkpoints WHERE name = 'stream_heads' AND slot = 'live'`,
    );

    expect(new Map(heads.map((row) => [row.stream_id, { eventCount: row.event_count, lastRevision: row.last_revision, lastEventId: row.last_event_id }]))).toEqual(
      expectedHeads,
    );
    expect(new Map(types.map((row) => [row.event_type, Number(row.event_count)]))).toEqual(expectedTypes);
    expect(new Map(revisions.map((row) => [row.stream_id, row.revision]))).toEqual(new Map([...expectedHeads].map(([id, head]) => [id, head.lastRevision])));

    // The instances still running stop cleanly.
    expect(await Promise.all([first, third, instances[3]].map((instance) => instance.stop()))).toEqual([0, 0, 0]);
  });
});
