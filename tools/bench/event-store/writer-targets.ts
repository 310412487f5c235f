import { formatInt, formatMs } from '../shared/report';
import { targetOutcome, type TargetOutcome } from '../shared/target-summary';
import { verdict } from '../shared/target-verdict';
import { ratio } from './event-store.table';
import type { CellResult, TargetResult } from './results';

/** Issue 14: concurrent writers on the PostgreSQL server, against Emmett and raw INSERT in the same run. */
const WRITERS_CASE = 'append-1-x8';
const AT_LEAST_EMMETT = 1.2;
const AT_LEAST_RAW_INSERT = 0.5;

const measured = (cell: CellResult | undefined) => (cell && 'measurement' in cell ? cell.measurement : null);

/** The targets of the 8-writer case on the server; PGlite has none (its appends serialise), it is reported only. */
export const writerTargets = (result: TargetResult): TargetOutcome[] => {
  const writers = result.cases.find((benchCase) => benchCase.id === WRITERS_CASE);
  if (result.target !== 'postgres' || !writers) return [];
  const [ours, emmett, raw] = ['ours', 'Emmett', 'raw INSERT'].map((name) => writers.results[name]);
  const oursMeasured = measured(ours);
  const emmettMeasured = measured(emmett);
  const rate = oursMeasured ? { value: `${formatInt(oursMeasured.eventsPerSec)} ev/s`, amount: oursMeasured.eventsPerSec } : { value: 'n/a', amount: null };
  const versusEmmett = ratio(ours, emmett);
  const versusRaw = ratio(ours, raw);
  const p99 = oursMeasured?.msPerOp.p99 ?? null;
  const emmettP99 = emmettMeasured?.msPerOp.p99 ?? null;
  return [
    targetOutcome('event-store', `${writers.title}: ours ÷ Emmett`, { ...rate, ratio: versusEmmett }, verdict(`≥ ${AT_LEAST_EMMETT}× Emmett`, versusEmmett === null ? null : versusEmmett >= AT_LEAST_EMMETT)),
    targetOutcome('event-store', `${writers.title}: ours ÷ raw INSERT`, { ...rate, ratio: versusRaw }, verdict(`≥ ${AT_LEAST_RAW_INSERT}× raw INSERT`, versusRaw === null ? null : versusRaw >= AT_LEAST_RAW_INSERT)),
    targetOutcome(
      'event-store',
      `${writers.title}: p99 per append`,
      { value: p99 === null ? 'n/a' : `p99 ${formatMs(p99)} ms`, amount: p99, ratio: p99 === null || !emmettP99 ? null : p99 / emmettP99 },
      verdict(`p99 ≤ Emmett's (${emmettP99 === null ? 'n/a' : `${formatMs(emmettP99)} ms`})`, p99 === null || emmettP99 === null ? null : p99 <= emmettP99),
    ),
  ];
};
