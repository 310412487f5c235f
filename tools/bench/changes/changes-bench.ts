import type { SqlExecutor } from '@itsm/event-store';
import type { ChangeConflict, ChangesReadModels } from '@itsm/changes-read-models';
import { percentile } from '../shared/stats';
import { randomAgent, randomServices, randomWindow, SCHEDULE_DAYS, SCHEDULE_START, type Random } from './changes-seed';
import { naiveConflicts, naiveSchedulePage, type NaiveConflictRow, type NaiveSubject } from './naive-conflicts';

export interface Percentiles {
  p50: number;
  p99: number;
  samples: number;
}

export interface CaseResult {
  ours: Percentiles;
  naive: Percentiles;
  /**
   * Mean conflicts found per ask (other changes, freezes, incidents, each once; the maintenance-window check is ours
   * alone), to show both answered the same question on the same data.
   */
  meanFound: { ours: number; naive: number };
  /** Asks whose conflicts (the other changes, freezes, incidents) differed between the contenders. */
  disagreements: number;
}

const DAY_MS = 24 * 3_600_000;
export const PAGE_SIZE = 100;

const summarize = (latencies: number[]): Percentiles => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), samples: sorted.length };
};

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
};

/** What both contenders must agree on: the other changes (on a related service or the same agent), freezes, major incidents. */
const oursKeys = (conflicts: readonly ChangeConflict[]): string[] =>
  [
    ...new Set(
      conflicts.flatMap((conflict) => {
        switch (conflict.kind) {
          case 'service-overlap':
          case 'dependent-service-overlap':
            return [`change:${conflict.changeId}`];
          case 'implementer-double-booked':
            return [`agent:${conflict.changeId}`];
          case 'freeze-window':
            return [`freeze:${conflict.freezeWindowId}`];
          case 'major-incident':
            return [`major-incident:${conflict.incidentId}`];
          default:
            return [];
        }
      }),
    ),
  ].sort();
const naiveKeys = (rows: readonly NaiveConflictRow[]): string[] => [...new Set(rows.map((row) => `${row.kind}:${row.ref}`))].sort();
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key, index) => key === b[index]);

/** The conflict check of a new change (not raised yet): services, a 1–4 hour window in the seeded year, an agent. */
export const runNewChangeCheck = async (
  db: SqlExecutor,
  readModels: ChangesReadModels,
  random: Random,
  serviceIds: readonly string[],
  iterations: number,
): Promise<CaseResult> => {
  const ours: number[] = [];
  const naive: number[] = [];
  const found = { ours: 0, naive: 0 };
  let disagreements = 0;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const { start, end } = randomWindow(random);
    const services = randomServices(random, serviceIds);
    const agent = randomAgent(random);
    const subject: NaiveSubject = { key: 'candidate', changeId: null, serviceIds: services, start: start.toISOString(), end: end.toISOString(), agent };
    const runOurs = async () => {
      const { ms, value } = await timed(() =>
        readModels.conflicts.conflictsFor({ serviceIds: services, plannedStart: subject.start, plannedEnd: subject.end, implementer: { group: 'ops', agent } }),
      );
      ours.push(ms);
      return value;
    };
    const runNaive = async () => {
      const { ms, value } = await timed(() => naiveConflicts(db, [subject]));
      naive.push(ms);
      return value;
    };
    // Take turns going first, so neither always finds the other's pages in the cache.
    let oursAnswer: ChangeConflict[];
    let naiveAnswer: NaiveConflictRow[];
    if (iteration % 2 === 0) {
      oursAnswer = await runOurs();
      naiveAnswer = await runNaive();
    } else {
      naiveAnswer = await runNaive();
      oursAnswer = await runOurs();
    }
    const [a, b] = [oursKeys(oursAnswer), naiveKeys(naiveAnswer)];
    found.ours += a.length;
    found.naive += b.length;
    if (!same(a, b)) disagreements += 1;
  }
  return {
    ours: summarize(ours),
    naive: summarize(naive),
    meanFound: { ours: Math.round((found.ours / iterations) * 10) / 10, naive: Math.round((found.naive / iterations) * 10) / 10 },
    disagreements,
  };
};

/** The first page (100) of a month's forward schedule, each change with its conflicts, from a random day of the year. */
export const runMonthSchedule = async (db: SqlExecutor, readModels: ChangesReadModels, random: Random, iterations: number): Promise<CaseResult> => {
  const ours: number[] = [];
  const naive: number[] = [];
  const found = { ours: 0, naive: 0 };
  let disagreements = 0;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const from = new Date(SCHEDULE_START + random.int(SCHEDULE_DAYS - 30) * DAY_MS);
    const to = new Date(from.getTime() + 30 * DAY_MS);
    const runOurs = async () => {
      const { ms, value } = await timed(() => readModels.schedule.schedule({ from, to, limit: PAGE_SIZE }));
      ours.push(ms);
      return value;
    };
    const runNaive = async () => {
      const { ms, value } = await timed(() => naiveSchedulePage(db, from, to, PAGE_SIZE));
      naive.push(ms);
      return value;
    };
    let oursPage: Awaited<ReturnType<typeof runOurs>>;
    let naivePage: Awaited<ReturnType<typeof runNaive>>;
    if (iteration % 2 === 0) {
      oursPage = await runOurs();
      naivePage = await runNaive();
    } else {
      naivePage = await runNaive();
      oursPage = await runOurs();
    }
    found.ours += oursPage.items.reduce((sum, item) => sum + oursKeys(item.conflicts).length, 0);
    found.naive += oursPage.items.reduce((sum, item) => sum + naiveKeys(naivePage.conflicts.filter((row) => row.key === item.id)).length, 0);
    const sameRows = same(oursPage.items.map((item) => item.id), naivePage.page.map((row) => row.change_id));
    const sameConflicts = oursPage.items.every((item) => same(oursKeys(item.conflicts), naiveKeys(naivePage.conflicts.filter((row) => row.key === item.id))));
    if (!sameRows || !sameConflicts) disagreements += 1;
  }
  return {
    ours: summarize(ours),
    naive: summarize(naive),
    meanFound: { ours: Math.round((found.ours / iterations) * 10) / 10, naive: Math.round((found.naive / iterations) * 10) / 10 },
    disagreements,
  };
};
