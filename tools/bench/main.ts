import type { BenchPart } from './shared/bench-part';
import { readBenchConfig } from './shared/config';
import { progress } from './shared/report';
import { reportTargetSummary, type TargetOutcome } from './shared/target-summary';
import { changesPart } from './changes';
import { embeddedPart } from './embedded';
import { eventStorePart } from './event-store';
import { httpPart } from './http';
import { incidentsPart } from './incidents';
import { latencyPart } from './latency';
import { rebuildPart } from './rebuild';
import { auditPart } from './audit';
import { relayPart } from './relay';
import { downstreamPart } from './downstream';
import { financePart } from './finance';

/** Every bench part, in run order; later parts (HTTP API…) add themselves here. */
const PARTS: readonly BenchPart[] = [
  eventStorePart,
  relayPart,
  latencyPart,
  rebuildPart,
  httpPart,
  incidentsPart,
  changesPart,
  embeddedPart,
  auditPart,
  downstreamPart,
  financePart,
];

const main = async (): Promise<void> => {
  const config = readBenchConfig();
  const unknown = (config.parts ?? []).filter(
    (name) => !PARTS.some((part) => part.name === name),
  );
  if (unknown.length)
    throw new Error(
      `Unknown BENCH_PARTS: ${unknown.join(', ')} (known: ${PARTS.map(({ name }) => name).join(', ')})`,
    );
  const outcomes: TargetOutcome[] = [];
  for (const part of PARTS.filter(
    ({ name }) => !config.parts || config.parts.includes(name),
  )) {
    progress(`== bench: ${part.name}`);
    outcomes.push(...(await part.run(config)));
  }
  progress(
    `target summary written to ${await reportTargetSummary(config, outcomes)}`,
  );
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
