import type { SqlExecutor } from '@itsm/event-store';
import { canonicalTextStatement, type CanonicalTextRow } from './canonical-texts';
import { CopiedTextRows, copiedTextStatement } from './copied-text-rows';
import { QueriedTextRows, type StoredTextRows } from './stored-text-rows';

/** Positions (after, upTo], at most `limit` events, in order. */
export interface StoredTextRange {
  after: number;
  upTo?: number;
  limit?: number;
}

/** Opens a cursor over the rows read (as often as wanted: a reader may walk a page twice). */
export type StoredTextPage = () => StoredTextRows;

/**
 * The range's events with their stored texts: by binary COPY where the connection can (a server's), else as query
 * rows (PGlite). A canonical text that is not JSON fails the per-row comparison (`dataKeptCanonical` false), and
 * with it the statement.
 */
export const readStoredTexts = async (db: SqlExecutor, events: string, range: StoredTextRange, dataKeptCanonical: boolean): Promise<StoredTextPage> => {
  if (db.copyOut) {
    const chunks = await db.copyOut(copiedTextStatement(events, range, dataKeptCanonical));
    return () => new CopiedTextRows(chunks);
  }
  const params: number[] = [range.after];
  let where = 'global_position > $1';
  if (range.upTo !== undefined) where += ` AND global_position <= $${params.push(range.upTo)}`;
  where += ' ORDER BY global_position';
  if (range.limit !== undefined) where += ` LIMIT $${params.push(range.limit)}`;
  const shape = `${range.upTo === undefined ? '' : '_to'}${range.limit === undefined ? '' : '_limit'}${dataKeptCanonical ? '' : '_compared'}`;
  const rows = await db.query<CanonicalTextRow>(canonicalTextStatement(events, where, dataKeptCanonical), params, { prepareAs: `audit_stored_texts${shape}` });
  return () => new QueriedTextRows(rows);
};
