import type { SqlExecutor } from '@itsm/event-store';
import { isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { cursorKeyOf, dayText, decodeCursor, encodeCursor, isCursorText, iso } from '../shared/read-model-helpers';
import type { RateCardListTables } from './rate-card-list.projection';

export interface RateCardRow {
  id: string;
  name: string;
  createdAt: string;
  versionCount: number;
  latestEffectiveFrom: string | null;
  latestCurrency: string | null;
  revision: number;
}

interface Row {
  rate_card_id: string;
  name: string;
  created_at: Date | string;
  version_count: number;
  latest_effective_from: Date | string | null;
  latest_currency: string | null;
  revision: number;
}

type Cursor = { name: string; id: string };
const isCursor = cursorKeyOf<Cursor>({ name: isCursorText, id: isCursorUuid });
const rowOf = (row: Row): RateCardRow => ({
  id: row.rate_card_id,
  name: row.name,
  createdAt: iso(row.created_at),
  versionCount: row.version_count,
  latestEffectiveFrom: row.latest_effective_from === null ? null : dayText(row.latest_effective_from),
  latestCurrency: row.latest_currency,
  revision: row.revision,
});

export class RateCardListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: RateCardListTables,
  ) {}

  /** By name; cursor pages. */
  async list({ limit, cursor }: { limit?: number; cursor?: string } = {}): Promise<Page<RateCardRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    let where = '';
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isCursor);
      params.push(after.name, after.id);
      where = 'WHERE (name, rate_card_id) > ($2, $3::uuid)';
    }
    const rows = await this.db.query<Row>(`SELECT * FROM ${this.tables.finance_rate_cards} ${where} ORDER BY name, rate_card_id LIMIT $1`, params);
    return pageOf(rows, size, rowOf, (row) => encodeCursor({ name: row.name, id: row.rate_card_id }));
  }
}
