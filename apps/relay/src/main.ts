import { createPgExecutor, createPostgresEventStore, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { createKafkaMessageBus, startEventRelay } from '@itsm/messaging';
import { openEventLog } from '@itsm/platform-kit';
import { shutdownTelemetry, startTelemetry, traceMessageBus } from '@itsm/telemetry';
import { relayConfigFromEnv, type RelayConfig } from './relay-config';

// One JSON line per record on stdout: what log shippers and the crash test read.
const log = (record: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), service: 'relay', ...record })}\n`);

interface RelaySource {
  store: EventStore;
  /** Checkpoint and lease, always in PostgreSQL. */
  executor: SqlExecutor;
  close(): Promise<void>;
}

/** The log to follow: EventStoreDB when EVENTSTORE_URL is set (as the services append there), else PostgreSQL. */
const openRelaySource = async (config: RelayConfig, eventStoreUrl: string | undefined): Promise<RelaySource> => {
  if (eventStoreUrl) {
    const log = await openEventLog({ EVENTSTORE_URL: eventStoreUrl, DATABASE_URL: config.databaseUrl, ITSM_DATA_DIR: '' });
    return { store: log.store, executor: log.db, close: () => log.close() };
  }
  const store = await createPostgresEventStore({
    connectionString: config.databaseUrl,
    schema: config.eventStoreSchema,
    poolSize: 2,
  });
  const executor = createPgExecutor({ connectionString: config.databaseUrl, max: 2, application_name: 'itsm-relay' });
  return { store, executor, close: async () => void (await Promise.all([store.close(), executor.close()])) };
};

/** The standalone relay: the event log (PostgreSQL or EventStoreDB) → Kafka, until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const telemetry = startTelemetry({ serviceName: 'relay' });
  const config = relayConfigFromEnv();
  const eventStoreUrl = process.env['EVENTSTORE_URL']?.trim() || undefined;
  const { store, executor, close: closeSource } = await openRelaySource(config, eventStoreUrl);
  const kafka = createKafkaMessageBus({ brokers: config.kafkaBrokers, clientId: `itsm-relay-${config.relayName}` });
  // With tracing on, each published event gets a span, a child of its append, whose context rides in `traceparent`.
  const bus = telemetry.enabled ? traceMessageBus(kafka, { system: 'kafka' }) : kafka;
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
  log({ level: 'info', msg: 'relay started', eventStore: eventStoreUrl ? 'eventstoredb' : 'postgres', ...relay.progress() });
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
    await Promise.all([bus.close(), closeSource()]);
    await shutdownTelemetry();
    log({ level: 'info', msg: 'stopped', ...relay.progress() });
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  log({ level: 'error', msg: 'relay failed to start', error: String(error) });
  process.exitCode = 1;
});
