import type { SqlExecutor } from '@itsm/event-store';
import {
  encodeIncidentCursor,
  incidentListStatement,
  type IncidentListFilter,
  type IncidentListQueries,
  type IncidentListTables,
} from '@itsm/incidents-read-models';
import { percentile } from '../shared/stats';
import type { ListCase } from './incident-list-cases';

export const PAGE_SIZE = 50;

export interface Percentiles {
  p50: number;
  p99: number;
  samples: number;
}

export interface ListCaseResult {
  name: string;
  textSearch: boolean;
  /** Rows skipped before the deep page (median over the values asked). */
  deepOffset: number;
  keysetFirst: Percentiles;
  naiveFirst: Percentiles;
  keysetDeep: Percentiles;
  naiveDeep: Percentiles;
}

const summarize = (latencies: number[]): Percentiles => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), samples: sorted.length };
};

const timedMs = async (work: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/**
 * The naive contender: the very same WHERE and ORDER BY, paged with OFFSET/LIMIT, as list screens that count pages
 * do; the database must walk (and throw away) every row before the page.
 */
const naivePage = (db: SqlExecutor, t: IncidentListTables, filter: IncidentListFilter, offset: number) => {
  const { sql, params } = incidentListStatement({ ...filter, limit: PAGE_SIZE }, t);
  return db.query(`${sql} OFFSET ${offset}`, params);
};

interface DeepPage {
  offset: number;
  cursor: string;
}

/** Where the deep page starts for one filter value: `deepOffset` rows in, or halfway through fewer matches (setup, not timed). */
const deepPageOf = async (db: SqlExecutor, t: IncidentListTables, filter: IncidentListFilter, deepOffset: number): Promise<DeepPage | null> => {
  const { sql, params } = incidentListStatement({ ...filter, limit: 1 }, t);
  const where = sql.slice(sql.indexOf('FROM'), sql.indexOf('ORDER BY'));
  const [{ matches }] = await db.query<{ matches: number }>(`SELECT count(*)::int AS matches ${where}`, params.slice(0, -1));
  const offset = Math.min(deepOffset, Math.floor(matches / 2 / PAGE_SIZE) * PAGE_SIZE);
  if (offset < PAGE_SIZE) return null;
  const [last] = await db.query<{ opened_at: Date; incident_id: string }>(`${sql} OFFSET ${offset - 1}`, params);
  return { offset, cursor: encodeIncidentCursor({ openedAt: last.opened_at.toISOString(), incidentId: last.incident_id }) };
};

/** Runs each case `iterations` times per contender and page (first, deep), contenders taking turns. */
export const runListCase = async (
  db: SqlExecutor,
  queries: IncidentListQueries,
  t: IncidentListTables,
  listCase: ListCase,
  options: { iterations: number; deepOffset: number },
): Promise<ListCaseResult> => {
  const keysetFirst: number[] = [];
  const naiveFirst: number[] = [];
  const keysetDeep: number[] = [];
  const naiveDeep: number[] = [];
  const deepPages = new Map<string, DeepPage | null>();
  const offsets: number[] = [];
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const filter = listCase.filterFor(iteration);
    const key = JSON.stringify(filter);
    if (!deepPages.has(key)) deepPages.set(key, await deepPageOf(db, t, filter, options.deepOffset));
    const deep = deepPages.get(key) ?? null;
    const runs: (() => Promise<void>)[] = [
      async () => void keysetFirst.push(await timedMs(() => queries.list({ ...filter, limit: PAGE_SIZE }))),
      async () => void naiveFirst.push(await timedMs(() => naivePage(db, t, filter, 0))),
    ];
    if (deep) {
      offsets.push(deep.offset);
      runs.push(
        async () => void keysetDeep.push(await timedMs(() => queries.list({ ...filter, limit: PAGE_SIZE, cursor: deep.cursor }))),
        async () => void naiveDeep.push(await timedMs(() => naivePage(db, t, filter, deep.offset))),
      );
    }
    // Rotate who goes first, so neither side always finds the other's pages in the cache.
    for (let turn = 0; turn < runs.length; turn++) await runs[(turn + iteration) % runs.length]();
  }
  offsets.sort((a, b) => a - b);
  return {
    name: listCase.name,
    textSearch: listCase.textSearch,
    deepOffset: offsets.length ? offsets[Math.floor(offsets.length / 2)] : 0,
    keysetFirst: summarize(keysetFirst),
    naiveFirst: summarize(naiveFirst),
    keysetDeep: summarize(keysetDeep),
    naiveDeep: summarize(naiveDeep),
  };
};

export { summarize as percentilesOf, timedMs };
