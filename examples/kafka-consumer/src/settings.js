/** Where to read from, from the environment; the defaults fit `docker compose up` of the platform. */
const CONTEXTS = ['incidents', 'changes', 'catalog', 'finance'];

export const settingsFromEnv = (env = process.env) => {
  const prefix = env.ITSM_TOPIC_PREFIX ?? '';
  const topics = env.ITSM_TOPICS
    ? env.ITSM_TOPICS.split(',')
        .map((topic) => topic.trim())
        .filter(Boolean)
    : CONTEXTS.map((context) => `itsm.${context}.events.v1`);
  return {
    brokers: (env.KAFKA_BROKERS ?? 'localhost:9094')
      .split(',')
      .map((broker) => broker.trim()),
    clientId: env.KAFKA_CLIENT_ID ?? 'itsm-example-consumer',
    // One group per downstream system: its instances share the partitions, other systems get every event too.
    groupId: env.KAFKA_GROUP_ID ?? 'itsm-example-consumer',
    // The platform's environments may share a cluster under a topic prefix (its ITSM_TOPIC_PREFIX).
    topics: topics.map((topic) => `${prefix}${topic}`),
    // A new group starts at the oldest message the topics keep; an existing group resumes from its commits.
    fromBeginning: env.KAFKA_FROM_BEGINNING !== 'false',
  };
};
