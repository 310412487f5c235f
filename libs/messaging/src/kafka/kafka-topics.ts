import type { Admin } from 'kafkajs';

/**
 * Creates missing topics with a fixed partition count before they are used, so the key → partition
 * mapping never depends on the broker's auto-create defaults or on who touched a topic first.
 */
export class KafkaTopics {
  private readonly known = new Set<string>();

  constructor(
    private readonly admin: () => Promise<Admin>,
    private readonly numPartitions: number,
  ) {}

  async ensure(topics: Iterable<string>): Promise<void> {
    const wanted = [...new Set(topics)].filter((topic) => !this.known.has(topic));
    if (wanted.length === 0) return;
    const admin = await this.admin();
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          topics: missing.map((topic) => ({ topic, numPartitions: this.numPartitions })),
          waitForLeaders: true,
        });
      } catch (error) {
        // Another process created it in the meantime: that is what we wanted.
        if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
      }
    }
    for (const topic of wanted) this.known.add(topic);
  }
}
