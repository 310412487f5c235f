/**
 * One life of an embedded log in the crash trial, as its own process (the parent kills it with SIGKILL):
 * opens the engine on the data folder, checks that every write the previous lives acknowledged is there and
 * that the log verifies, prints that as one JSON line, then appends with several writers and prints `A
 * <stream> <revision>` for each acknowledged append until it is killed.
 *
 * Usage: durability-child.ts <engine> <dataDir> <acknowledged.json> <writers>
 */
import { readFileSync } from 'node:fs';
import { newId, streamName } from '@itsm/event-sourcing';
import { verifyEventLog } from '@itsm/operations';
import { engineById } from './embedded-engines';

const [engineId, dataDir, acknowledgedFile, writers] = process.argv.slice(2);

const main = async () => {
  const openedAt = performance.now();
  let engine;
  try {
    engine = await engineById(engineId).open(dataDir);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ opened: false, error: String(error).slice(0, 300) })}\n`);
    process.exit(2);
  }
  const openMs = Math.round(performance.now() - openedAt);
  const acknowledged = JSON.parse(readFileSync(acknowledgedFile, 'utf8')) as Record<string, number>;
  let found = 0;
  let expected = 0;
  for (const [streamId, revision] of Object.entries(acknowledged)) {
    expected += revision + 1;
    found += Math.min((await engine.store.readStream(streamId)).length, revision + 1);
  }
  const verification = await verifyEventLog(engine.store);
  process.stdout.write(`${JSON.stringify({ opened: true, openMs, acknowledged: expected, found, verified: verification.ok, events: verification.events })}\n`);

  const writer = async () => {
    const streamId = streamName('incident');
    for (let revision = 0; ; revision++) {
      await engine.append(
        streamId,
        [{ type: 'IncidentNoted', data: { text: 'crash trial', revision }, metadata: { actor: { id: 'bench', role: 'agent', via: 'bench' }, correlationId: newId() } }],
        revision === 0 ? 'no-stream' : revision - 1,
      );
      process.stdout.write(`A ${streamId} ${revision}\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(writers) }, writer));
};

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
