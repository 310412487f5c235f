import { cpus } from 'node:os';
import type { BenchPart } from '../shared/bench-part';
import { formatInt, formatRatio, progress, renderTable, writeJsonResult } from '../shared/report';
import { verdictText } from '../shared/target-verdict';
import type { DownstreamCase, DownstreamCaseResult } from './downstream-case';
import { webhookDeliveriesCase } from './webhook-deliveries.case';

/** The part's cases, run in order; a new case (SSE fan-out) is one more entry. */
export const DOWNSTREAM_CASES: DownstreamCase[] = [webhookDeliveriesCase];

const printTable = (results: readonly DownstreamCaseResult[]): void => {
  const rows = results.map((result) => [
    `${result.name}\n${result.description}`,
    ...result.contenders.map(({ name, measurement, detail }) => `${name}\n${formatInt(measurement.eventsPerSec)} ${result.unit}\n${detail}`),
    formatRatio(result.ratio),
    verdictText(result.target),
  ]);
  const width = Math.max(...rows.map((row) => row.length));
  const head = ['case', ...Array.from({ length: width - 3 }, (_, index) => (index === 0 ? 'ours' : 'baseline')), 'ours / baseline', 'target'];
  const notes = results.flatMap(({ contenders }) => contenders.flatMap(({ name, measurement }) => measurement.notes.map((note) => `* ${name}: ${note}`)));
  process.stdout.write(`\n${renderTable({ title: 'Downstream systems: rates (median of rounds, higher is better)', head, rows })}\n${notes.join('\n')}\n`);
};

/** `downstream`: what reaches systems outside the platform (issue 13): webhooks now, server-sent events next. */
export const downstreamPart: BenchPart = {
  name: 'downstream',
  async run(config) {
    const results: DownstreamCaseResult[] = [];
    for (const benchCase of DOWNSTREAM_CASES) {
      progress(`[downstream] case: ${benchCase.name}`);
      results.push(await benchCase.run(config));
    }
    printTable(results);
    const path = await writeJsonResult(config.resultsDir, 'downstream', {
      part: 'downstream',
      finishedAt: new Date().toISOString(),
      scale: config.scale,
      machine: { cpus: cpus().length, node: process.version },
      cases: results,
    });
    progress(`downstream results written to ${path}`);
  },
};
