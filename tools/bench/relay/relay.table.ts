import {
  formatInt,
  formatMs,
  formatRatio,
  renderTable,
} from '../shared/report';
import type { Measurement } from '../shared/stats';
import { verdictText, type TargetVerdict } from '../shared/target-verdict';

export interface RelayContenderResult {
  name: string;
  measurement: Measurement;
  batches: number;
  meanBatchSize: number;
  /** Share of the wall time spent waiting for publishes; the rest is reading the log, mapping and checkpointing. */
  publishShare: number;
}

export interface RelayResult {
  size: { events: number; streams: number; batchSize: number };
  rounds: number;
  contenders: RelayContenderResult[];
  /** ours ÷ raw in events/s (median rounds). */
  ratio: number | null;
  target: TargetVerdict;
}

const cell = ({
  measurement,
  meanBatchSize,
  publishShare,
}: RelayContenderResult): string =>
  `${formatInt(measurement.eventsPerSec)} ev/s\n` +
  `${formatInt(meanBatchSize)} msgs/batch\n` +
  `batch p50 ${formatMs(measurement.msPerOp.p50)} · p99 ${formatMs(measurement.msPerOp.p99)} ms\n` +
  `publishing ${formatRatio(publishShare)} of the time`;

export const printRelayTable = (result: RelayResult): void => {
  const [ours, raw] = result.contenders;
  const { events, streams, batchSize } = result.size;
  const rows = [
    [
      `log → Kafka, acks -1, idempotent\n${formatInt(events)} events, ${formatInt(streams)} streams,\nbatches of ≤ ${batchSize}, ${result.rounds} rounds`,
      cell(ours),
      cell(raw),
      formatRatio(result.ratio),
      verdictText(result.target),
    ],
  ];
  const notes = result.contenders.flatMap(({ name, measurement }) =>
    measurement.notes.map((note) => `* ${name}: ${note}`),
  );
  const title =
    'Relay on PostgreSQL → Kafka: events/s (median of rounds, higher is better), mean batch, ms per publish (p50 · p99)';
  process.stdout.write(
    `\n${renderTable({ title, head: ['case', ours.name, raw.name, 'ours / raw', 'target'], rows })}\n${notes.join('\n')}\n`,
  );
};
