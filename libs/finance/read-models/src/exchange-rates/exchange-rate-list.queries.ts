import type { SqlExecutor } from '@itsm/event-store';
import { pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { cursorKeyOf, dayText, decodeCursor, encodeCursor, isCursorText, iso } from '../shared/read-model-helpers';
import type { ExchangeRateListTables } from './exchange-rate-list.projection';

export interface ExchangeRateRow {
  from: string;
  to: string;
  date: string;
  rate: string;
  setAt: string;
}

interface Row {
  from_currency: string;
  to_currency: string;
  day: Date | string;
  rate: string;
  set_at: Date | string;
}

type Cursor = { from: string; to: string; day: string };
const isCursor = cursorKeyOf<Cursor>({ from: isCursorText, to: isCursorText, day: isCursorText });
const rowOf = (row: Row): ExchangeRateRow => ({ from: row.from_currency, to: row.to_currency, date: dayText(row.day), rate: row.rate, setAt: iso(row.set_at) });

export interface ExchangeRateFilter {
  from?: string;
  to?: string;
  /** Days on or after / on or before (YYYY-MM-DD). */
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

export class ExchangeRateListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ExchangeRateListTables,
  ) {}

  /** By pair, then day; cursor pages. */
  async list({ from, to, since, until, limit, cursor }: ExchangeRateFilter = {}): Promise<Page<ExchangeRateRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    const add = (clause: (index: number) => string, value: unknown) => {
      params.push(value);
      where.push(clause(params.length));
    };
    if (from !== undefined) add((i) => `from_currency = $${i}`, from);
    if (to !== undefined) add((i) => `to_currency = $${i}`, to);
    if (since !== undefined) add((i) => `day >= $${i}::date`, since);
    if (until !== undefined) add((i) => `day <= $${i}::date`, until);
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isCursor);
      params.push(after.from, after.to, after.day);
      where.push(`(from_currency, to_currency, day) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::date)`);
    }
    const rows = await this.db.query<Row>(
      `SELECT * FROM ${this.tables.finance_exchange_rates} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY from_currency, to_currency, day LIMIT $1`,
      params,
    );
    return pageOf(rows, size, rowOf, (row) => encodeCursor({ from: row.from_currency, to: row.to_currency, day: dayText(row.day) }));
  }
}
