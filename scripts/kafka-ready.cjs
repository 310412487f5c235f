// Exits 0 when the broker(s) in KAFKA_BROKERS answer a metadata request.
// Used by scripts/kafka.sh: an open port alone does not mean the broker is serving.
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:19092').split(',');
const admin = new Kafka({
  clientId: 'itsm-kafka-ready',
  brokers,
  connectionTimeout: 2000,
  requestTimeout: 3000,
  retry: { retries: 0 },
  logLevel: logLevel.NOTHING,
}).admin();

admin
  .connect()
  .then(() => admin.describeCluster())
  .then(async (cluster) => {
    await admin.disconnect();
    process.exit(cluster.brokers.length > 0 && cluster.controller !== null ? 0 : 1);
  })
  .catch(() => process.exit(1));
