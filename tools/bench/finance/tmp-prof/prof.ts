import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { createScratchDatabase } from '../../shared/postgres-database';
import { openOurs } from '../finance-ours';

const scale = Number(process.env.SCALE ?? '0.3');
const s = (n: number, min: number) => Math.max(min, Math.round(n * scale));
const main = async () => {
  const scratch = await createScratchDatabase('postgresql://postgres@127.0.0.1:5432/postgres', 'finprof');
  const ours = await openOurs(scratch.connectionString, { ledgerLines: s(100_000, 1000), usageRecords: s(50_000, 500), services: s(1000, 20), costCenters: s(200, 10), pools: s(50, 5), workLogs: s(3000, 60) });
  try {
    const first = await ours.run();
    console.log('warm run', Math.round(first.ms));
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const closed = await ours.closePeriod();
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.OUT ?? '/tmp/fs/close.cpuprofile', JSON.stringify(profile));
    console.log('run', Math.round(closed.runMs), 'publish', Math.round(closed.publishMs), 'close', Math.round(closed.closeMs), 'statements', closed.statements);
  } finally {
    await ours.close();
    await scratch.drop();
  }
};
main().catch((e) => { console.error(e); process.exitCode = 1; });
