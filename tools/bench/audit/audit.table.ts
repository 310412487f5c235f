import { formatInt, formatMs, formatRatio, renderTable } from '../shared/report';
import type { Measurement } from '../shared/stats';
import { verdictText, type TargetVerdict } from '../shared/target-verdict';

export interface AppendOverhead {
  appendsPerRound: number;
  writers: number;
  without: Measurement;
  with: Measurement;
  /**
   * The median over rounds of 1 − (appends/s with the checkpointer ÷ without, the two bursts of one round side by
   * side): a pair shares the machine's load of its moment, which drifts by more than 5 % from round to round.
   */
  overhead: number;
  /** Each round's overhead, as above: their spread is the figure's noise. */
  overheadByRound: number[];
  checkpointsSigned: number;
  verdict: TargetVerdict;
}

export interface AuditTargetResult {
  target: string;
  size: { events: number; streams: number };
  rounds: number;
  checkpointerCatchUpEventsPerSec: number;
  readers: { name: string; measurement: Measurement }[];
  /** verify (as the CLI runs it on this target) ÷ readAll in events/s. */
  verifyRatio: number | null;
  /** export jsonl ÷ readAll in events/s. */
  exportRatio: number | null;
  /** verify ÷ readAll, and verify's own rate, each against its target. */
  verifyVerdicts: TargetVerdict[];
  appends: AppendOverhead;
}

const cell = (measurement: Measurement): string =>
  `${formatInt(measurement.eventsPerSec)} ev/s${measurement.notes.length ? ' *' : ''}\nrounds ${measurement.eventsPerSecByRound.map(formatInt).join(' · ')}`;

const appendCell = (measurement: Measurement): string =>
  `${formatInt(measurement.eventsPerSec)} ev/s\np99 ${formatMs(measurement.msPerOp.p99)} ms`;

export const printAuditTables = (results: readonly AuditTargetResult[]): void => {
  if (results.length === 0) return;
  const names = [...new Set(results.flatMap((result) => result.readers.map(({ name }) => name)))];
  const reads = renderTable({
    title:
      'Audit: verify and export over the whole log, next to a plain readAll pass in the same run (events/s, median of rounds, higher is better); ' +
      'verify / readAll takes the verification the CLI runs on a log in SQL (on the stored texts)',
    head: ['target', ...names, 'verify / readAll', 'export jsonl / readAll', 'target'],
    rows: results.map((result) => [
      `${result.target}\n${formatInt(result.size.events)} events, ${formatInt(result.size.streams)} streams, ${result.rounds} rounds\ncheckpointer catch-up ${formatInt(result.checkpointerCatchUpEventsPerSec)} ev/s`,
      ...names.map((name) => {
        const reader = result.readers.find((entry) => entry.name === name);
        return reader ? cell(reader.measurement) : 'n/a';
      }),
      formatRatio(result.verifyRatio),
      formatRatio(result.exportRatio),
      result.verifyVerdicts.map(verdictText).join('\n'),
    ]),
  });
  const appends = renderTable({
    title: 'Audit: appends (8 writers, 1 event per append) without and with the checkpointer following the log in the same process',
    head: ['target', 'without checkpointer', 'with checkpointer', 'overhead', 'checkpoints signed', 'target'],
    rows: results.map(({ target, appends: result }) => [
      `${target}\n${formatInt(result.appendsPerRound)} appends per round`,
      appendCell(result.without),
      appendCell(result.with),
      `${formatRatio(result.overhead)}\nrounds ${formatRatio(Math.min(...result.overheadByRound))} … ${formatRatio(Math.max(...result.overheadByRound))}`,
      formatInt(result.checkpointsSigned),
      verdictText(result.verdict),
    ]),
  });
  const notes = results.flatMap(({ target, readers }) => readers.flatMap(({ name, measurement }) => measurement.notes.map((note) => `* ${name} on ${target}: ${note}`)));
  process.stdout.write(`\n${reads}\n${appends}\n${notes.join('\n')}\n`);
};
