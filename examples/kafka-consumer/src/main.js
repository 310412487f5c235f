import { startConsumer } from './consumer.js';
import { createEventHandler } from './handle-event.js';
import { settingsFromEnv } from './settings.js';

const log = (line) => console.log(JSON.stringify(line));
const settings = settingsFromEnv();
const consumer = await startConsumer(settings, createEventHandler(log), log);
log({ kind: 'ready', groupId: settings.groupId, topics: settings.topics });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await consumer.stop();
    log({ kind: 'stopped', signal });
    process.exit(0);
  });
}
