import { formatInt, formatRatio, renderTable } from '../shared/report';
import type { Measurement } from '../shared/stats';
import { verdictText, type TargetVerdict } from '../shared/target-verdict';

export interface RebuildTargetResult {
  target: string;
  size: { events: number; streams: number };
  rounds: number;
  contenders: { name: string; measurement: Measurement }[];
  /** rebuild ÷ readAll in events/s. */
  ratio: number | null;
  verdict: TargetVerdict;
}

const cell = (measurement: Measurement): string =>
  `${formatInt(measurement.eventsPerSec)} ev/s${measurement.notes.length ? ' *' : ''}\nrounds ${measurement.eventsPerSecByRound.map(formatInt).join(' · ')}`;

export const printRebuildTable = (
  results: readonly RebuildTargetResult[],
): void => {
  if (results.length === 0) return;
  const names = results[0].contenders.map(({ name }) => name);
  const rows = results.map(
    ({ target, size, rounds, contenders, ratio, verdict }) => [
      `${target}\n${formatInt(size.events)} events, ${formatInt(size.streams)} streams, ${rounds} rounds`,
      ...contenders.map(({ measurement }) => cell(measurement)),
      formatRatio(ratio),
      verdictText(verdict),
    ],
  );
  const notes = results.flatMap(({ target, contenders }) =>
    contenders.flatMap(({ name, measurement }) =>
      measurement.notes.map((note) => `* ${name} on ${target}: ${note}`),
    ),
  );
  const title =
    'Projection rebuild: events/s over the whole log (median of rounds, higher is better); readAll = read ceiling';
  process.stdout.write(
    `\n${renderTable({ title, head: ['target', ...names, `${names[0]} / ${names[1]}`, 'target'], rows })}\n${notes.join('\n')}\n`,
  );
};
