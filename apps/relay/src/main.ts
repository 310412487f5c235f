import { createPgExecutor, createPostgresEventStore } from '@itsm/event-store';
import { createKafkaMessageBus, startEventRelay } from '@itsm/messaging';
import { relayConfigFromEnv } from './relay-config';

// One JSON line per record on stdout: what log shippers and the crash test read.
const log = (record: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), service: 'relay', ...record })}\n`);

/** The standalone relay: PostgreSQL event log → Kafka, until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = relayConfigFromEnv();
  const store = await createPostgresEventStore({
    connectionString: config.databaseUrl,
    schema: config.eventStoreSchema,
    poolSize: 2,
  });
  const executor = createPgExecutor({ connectionString: config.databaseUrl, max: 2, application_name: 'itsm-relay' });
  const bus = createKafkaMessageBus({ brokers: config.kafkaBrokers, clientId: `itsm-relay-${config.relayName}` });
  const relay = await startEventRelay({
    store,
    bus,
    executor,
    name: config.relayName,
    schema: config.relaySchema,
    batchSize: config.batchSize,
    topicPrefix: config.topicPrefix,
    onError: (error) => log({ level: 'warn', msg: 'relay restarts from its checkpoint', error: String(error) }),
  });
  log({ level: 'info', msg: 'relay started', ...relay.progress() });
  const progressTimer = setInterval(
    () => log({ level: 'info', msg: 'progress', ...relay.progress() }),
    config.progressIntervalMs,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(progressTimer);
    log({ level: 'info', msg: `stopping on ${signal}` });
    await relay.stop();
    await Promise.all([bus.close(), store.close(), executor.close()]);
    log({ level: 'info', msg: 'stopped', ...relay.progress() });
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  log({ level: 'error', msg: 'relay failed to start', error: String(error) });
  process.exitCode = 1;
});
