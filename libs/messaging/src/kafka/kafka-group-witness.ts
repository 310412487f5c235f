import { AssignerProtocol, Kafka, logLevel, type Admin } from 'kafkajs';

/** One member of a consumer group and the partitions (`<topic>:<partition>`) the group gave it. */
export interface GroupMember {
  memberId: string;
  partitions: string[];
}

/** A consumer group as the broker describes it. */
export interface GroupSnapshot {
  /** `Stable` once a rebalance is over; `PreparingRebalance`, `CompletingRebalance`, `Empty`, `Dead` otherwise. */
  state: string;
  members: GroupMember[];
}

/**
 * What specs need to watch consumer groups from outside the consumers (scale-out and rebalance specs): topics with
 * a chosen partition count, who holds which partition, and how far behind the group's committed offsets are.
 * Reads the broker's view only; the consumers under test run in their own processes.
 */
export class KafkaGroupWitness {
  private readonly admin: Admin;
  private connected: Promise<void> | undefined;

  constructor(brokers: string[], clientId = 'itsm-group-witness') {
    this.admin = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING }).admin();
  }

  /** Creates the topics with `numPartitions` each and resolves once every partition has a leader. */
  async createTopics(topics: readonly string[], numPartitions: number): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })) });
    await this.until(async () => {
      const { topics: described } = await admin.fetchTopicMetadata({ topics: [...topics] });
      return described.every(({ partitions }) => partitions.length === numPartitions && partitions.every(({ leader }) => leader >= 0));
    });
  }

  async describeGroup(groupId: string): Promise<GroupSnapshot> {
    const admin = await this.connectedAdmin();
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    return {
      state: group.state,
      members: group.members.map((member) => ({
        memberId: member.memberId,
        partitions: partitionsOf(member.memberAssignment),
      })),
    };
  }

  /** Messages on the topics that the group has not committed yet (end offset minus committed offset, summed). */
  async lag(groupId: string, topics: readonly string[]): Promise<number> {
    const admin = await this.connectedAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    let lag = 0;
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const commits = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const commit = BigInt(commits.find((entry) => entry.partition === end.partition)?.offset ?? '-1');
        const from = commit < 0n ? BigInt(end.low) : commit;
        lag += Number(BigInt(end.high) - from);
      }
    }
    return lag;
  }

  /** Deletes what a spec created (errors ignored: the broker may have dropped an empty group already). */
  async close(cleanUp: { topics?: readonly string[]; groups?: readonly string[] } = {}): Promise<void> {
    if (!this.connected) return;
    const admin = await this.connectedAdmin().catch(() => undefined);
    if (!admin) return;
    if (cleanUp.groups?.length) await admin.deleteGroups([...cleanUp.groups]).catch(() => undefined);
    if (cleanUp.topics?.length) await admin.deleteTopics({ topics: [...cleanUp.topics] }).catch(() => undefined);
    await admin.disconnect();
  }

  private async connectedAdmin(): Promise<Admin> {
    this.connected ??= this.admin.connect();
    await this.connected;
    return this.admin;
  }

  /** Not createTopics' waitForLeaders: its metadata probe gives up on a partition the broker has not loaded yet. */
  private async until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`topics without leaders after ${timeoutMs} ms`);
      await new Promise((resume) => setTimeout(resume, 100));
    }
  }
}

const partitionsOf = (assignment: Buffer): string[] => {
  if (assignment.length === 0) return [];
  const decoded = AssignerProtocol.MemberAssignment.decode(assignment);
  if (!decoded) return [];
  return Object.entries(decoded.assignment)
    .flatMap(([topic, partitions]) => partitions.map((partition) => `${topic}:${partition}`))
    .sort();
};
