import {
  formatInt,
  formatMs,
  formatRatio,
  renderTable,
} from '../shared/report';
import type { CellResult, TargetResult } from './results';

/** The contender every other one is compared with. */
const OURS = 'ours';

const cellText = (cell: CellResult | undefined): string => {
  if (!cell) return '';
  if ('skipped' in cell) return 'skipped *';
  if ('error' in cell) return 'error *';
  const { eventsPerSec, msPerOp, notes } = cell.measurement;
  const flag = notes.length ? ' *' : '';
  return `${formatInt(eventsPerSec)} ev/s${flag}\np50 ${formatMs(msPerOp.p50)} · p99 ${formatMs(msPerOp.p99)} ms`;
};

const eventsPerSec = (cell: CellResult | undefined): number | null =>
  cell && 'measurement' in cell ? cell.measurement.eventsPerSec : null;

/** ours ÷ other in events/s: above 100% means ours is faster. */
export const ratio = (
  ours: CellResult | undefined,
  other: CellResult | undefined,
): number | null => {
  const [a, b] = [eventsPerSec(ours), eventsPerSec(other)];
  return a === null || b === null || b === 0 ? null : a / b;
};

/** Why a cell is empty: each skipped or failed contender once per reason. */
const footnotes = (result: TargetResult): string[] => {
  const notes = new Set<string>();
  for (const { title, results } of result.cases) {
    for (const [name, cell] of Object.entries(results)) {
      if ('skipped' in cell) notes.add(`* ${name}: skipped: ${cell.skipped}`);
      if ('error' in cell) notes.add(`* ${name} in "${title}": ${cell.error}`);
      if ('measurement' in cell)
        cell.measurement.notes.forEach((note) =>
          notes.add(`* ${name} in "${title}": ${note}`),
        );
    }
  }
  return [...notes];
};

export const printTargetTable = (result: TargetResult): void => {
  const others = result.contenders.filter((name) => name !== OURS);
  const head = [
    'case',
    ...result.contenders,
    ...others.map((name) => `${OURS} / ${name}`),
  ];
  const rows = result.cases.map(({ title, sizes, results }) => [
    `${title}\n${sizes}`,
    ...result.contenders.map((name) => cellText(results[name])),
    ...others.map((name) => formatRatio(ratio(results[OURS], results[name]))),
  ]);
  const title = `Event store on ${result.target}: events/s (median of rounds, higher is better) and ms per operation (p50 · p99 over all rounds)`;
  process.stdout.write(
    `\n${renderTable({ title, head, rows })}\n${footnotes(result).join('\n')}\n`,
  );
};
