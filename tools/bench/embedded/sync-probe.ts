/**
 * Appends `count` events one at a time, each acknowledged, on an engine's data folder: run under
 * `strace -f -c` by the embedded bench to count the flushes to disk (fsync, fdatasync) behind them.
 *
 * Usage: sync-probe.ts <engine> <dataDir> <count>
 */
import { newId, streamName } from '@itsm/event-sourcing';
import { engineById } from './embedded-engines';

const [engineId, dataDir, count] = process.argv.slice(2);

const main = async () => {
  const engine = await engineById(engineId).open(dataDir);
  const streamId = streamName('incident');
  for (let revision = 0; revision < Number(count); revision++) {
    await engine.append(
      streamId,
      [{ type: 'IncidentNoted', data: { revision }, metadata: { actor: { id: 'bench', role: 'agent', via: 'bench' }, correlationId: newId() } }],
      revision === 0 ? 'no-stream' : revision - 1,
    );
  }
  await engine.close();
};

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
