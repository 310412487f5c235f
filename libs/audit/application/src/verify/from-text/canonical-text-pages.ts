import { eventLogSchema, type SqlExecutor } from '@itsm/event-store';
import { serverKeepsDataCanonical } from '../../log/canonical-texts';
import { readStoredTexts, type StoredTextPage } from '../../log/read-stored-texts';

/** The log's SQL database, read for the texts the appender hashed (PostgreSQL server, embedded server or PGlite). */
export interface CanonicalTextLog {
  db: SqlExecutor;
  /** Schema of the log (default `event_store`). */
  schema?: string;
}

/** One page of positions (after, upTo]. */
export interface CanonicalTextPage {
  after: number;
  upTo: number;
  /**
   * Its events as stored texts, each row saying whether its texts vouch for it (it has its canonical text, and that
   * text reads back as the very jsonb `data` the application reads); a row they cannot vouch for (written before the
   * texts were stored, too large to keep one, or changed behind the store) is checked on the parsed event. Null when
   * the page's statement failed: the whole page is then read parsed.
   */
  rows: StoredTextPage | null;
}

/**
 * Pages read ahead of the one the caller checks, each on a connection of its own: with one, the server sat idle
 * between answering a page and being asked for the next.
 */
const PAGES_AHEAD = 2;

/**
 * The log's positions (after, upTo] page by page, as stored texts, reading the next pages while the caller hashes
 * the current one. A page the statement fails on comes back without rows.
 */
export async function* readCanonicalTextPages(log: CanonicalTextLog, { after, upTo, pageSize = 5000 }: { after: number; upTo: number; pageSize?: number }): AsyncGenerator<CanonicalTextPage> {
  const kept = await serverKeepsDataCanonical(log.db, log.schema);
  const { events } = eventLogSchema(log.schema);
  const pending: Promise<StoredTextPage | null>[] = [];
  let requested = after;
  const fill = () => {
    while (pending.length < PAGES_AHEAD && requested < upTo) {
      pending.push(readStoredTexts(log.db, events, { after: requested, upTo: Math.min(requested + pageSize, upTo) }, kept).catch(() => null));
      requested = Math.min(requested + pageSize, upTo);
    }
  };
  fill();
  for (let from = after; pending.length > 0; from += pageSize) {
    const rows = await (pending.shift() as Promise<StoredTextPage | null>);
    const pageUpTo = Math.min(from + pageSize, upTo);
    fill();
    yield { after: from, upTo: pageUpTo, rows };
  }
}
