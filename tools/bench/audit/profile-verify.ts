/**
 * Profiling aid for the audit verification (not a benchmark: `BENCH_PARTS=audit npm run bench` compares): seeds a
 * scratch PostgreSQL log, signs it, then times a readAll pass and a verification, twice, and profiles the second
 * verification alone (`audit-verify.cpuprofile` in BENCH_RESULTS_DIR, top frames by self time; NOPROF=1 for the timings).
 * The CPU time this process spent per verified event is printed too: steadier than the rate on a shared machine.
 * PROFILE_EVENTS (default 100,000), PROFILE_READING (`texts`, the default: on the stored texts as the CLI; `parsed`).
 */
import { join } from 'node:path';
import { AuditCheckpointer, SqlAuditTree, verifyAuditLog } from '@itsm/audit-application';
import { noteSignerFromSeed } from '@itsm/audit-domain';
import { profiled } from '../shared/cpu-profile';
import { readBenchConfig } from '../shared/config';
import { openPostgresLog } from '../shared/bench-log';
import { readWholeLog } from '../shared/read-log';
import { seedLog } from '../shared/seed-log';
import { AUDIT_PAGE_SIZE } from './audit-contenders';

const main = async () => {
  const events = Number(process.env['PROFILE_EVENTS'] ?? 100_000);
  const reading = process.env['PROFILE_READING'] === 'parsed' ? 'parsed' : 'stored texts';
  const config = readBenchConfig(process.env);
  const log = await openPostgresLog(config, 'audit_profile');
  try {
    await seedLog(log.store, { events, streams: 2_000, eventsPerAppend: 25, label: '[profile]' });
    const tree = new SqlAuditTree(log.executor(4));
    const signer = noteSignerFromSeed('bench.local/audit', Buffer.alloc(32, 5));
    await new AuditCheckpointer({ store: log.store, tree, signer, origin: 'bench.local/audit', everyEvents: 1000 }).catchUp();
    for (let round = 0; round < 2; round++) {
      let started = performance.now();
      await readWholeLog(log.store, AUDIT_PAGE_SIZE, () => undefined);
      const readAllMs = performance.now() - started;
      const canonicalTexts = reading === 'stored texts' ? { db: log.executor(2) } : undefined;
      const verify = () => verifyAuditLog({ store: log.store, tree }, { verifier: signer.verifier, origin: 'bench.local/audit', batchSize: AUDIT_PAGE_SIZE, canonicalTexts });
      started = performance.now();
      const cpuBefore = process.cpuUsage();
      // The second round alone is profiled: the first warms the code up.
      const result = round === 1 ? await profiled(join(config.resultsDir, 'audit-verify.cpuprofile'), verify) : await verify();
      const verifyMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      process.stdout.write(
        `round ${round + 1}: readAll ${Math.round((events / readAllMs) * 1000)} ev/s, verify (${reading}) ${Math.round((events / verifyMs) * 1000)} ev/s, ratio ${(readAllMs / verifyMs).toFixed(2)}, this process's CPU ${((cpu.user + cpu.system) / events).toFixed(2)} µs/event, ok ${result.ok}\n`,
      );
    }
  } finally {
    await log.close();
  }
};

void main();
