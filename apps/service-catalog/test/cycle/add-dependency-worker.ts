import { existsSync } from 'node:fs';
import { AddDependencyHandler, EventLogServiceDependencyGraph, ServiceStreams, systemClock } from '@itsm/catalog-application';
import { createExclusiveSections, createPgExecutor, createPostgresEventStore } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';

/**
 * One catalog process of the two-process cycle spec: once GO_FILE exists, it asks to add SERVICE_ID → DEPENDS_ON
 * through the real handler on the shared database. Its graph lingers PAUSE_MS after each read, so that without a
 * lock shared by the processes both would decide on the graph before either edge, and both would pass.
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const log = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const main = async () => {
  const connectionString = env('DATABASE_URL');
  const store = await createPostgresEventStore({ connectionString });
  const db = createPgExecutor({ connectionString, max: 4 });
  const graph = new EventLogServiceDependencyGraph(store);
  const lingeringGraph = {
    dependentsOf: async (serviceId: string) => {
      const dependents = await graph.dependentsOf(serviceId);
      await sleep(Number(env('PAUSE_MS')));
      return dependents;
    },
  };
  const handler = new AddDependencyHandler(new ServiceStreams(writePipelineOn(store), systemClock), lingeringGraph, createExclusiveSections(db));
  log({ msg: 'ready' });
  while (!existsSync(env('GO_FILE'))) await sleep(5);
  try {
    await handler.execute(env('SERVICE_ID'), env('DEPENDS_ON'), { actor: { id: 'cycle-spec', role: 'service-owner', via: 'api' }, correlationId: 'cycle-spec' });
    log({ msg: 'outcome', outcome: 'added' });
  } catch (error) {
    log({ msg: 'outcome', outcome: 'refused', detail: error instanceof Error ? error.message : String(error) });
  } finally {
    await store.close();
    await db.close();
  }
};

main().catch((error) => {
  log({ msg: 'failed', detail: String(error) });
  process.exitCode = 1;
});
