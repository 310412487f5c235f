import { eventLogSchema, type SqlExecutor } from '@itsm/event-store';
import { canonicalTextStatement, serverKeepsDataCanonical, vouchedFor, type CanonicalTextRow } from '../../log/canonical-texts';

/** The log's SQL database, read for the texts the appender hashed (PostgreSQL server, embedded server or PGlite). */
export interface CanonicalTextLog {
  db: SqlExecutor;
  /** Schema of the log (default `event_store`). */
  schema?: string;
}

/**
 * One page of positions (after, upTo]: its rows (each turned into its canonical pieces only when checked, so a
 * page holds no more than the rows: a page of built texts kept across reads kept the garbage collector busy).
 */
export interface CanonicalTextPage {
  after: number;
  upTo: number;
  /**
   * Whether every event of the page can be checked on its stored texts: each has its canonical text, that text
   * reads back as the very jsonb `data` the application reads, each text as stored. Otherwise the
   * page is checked on the parsed events (a row written before the texts were stored, or changed behind the store).
   */
  vouched: boolean;
  rows: CanonicalTextRow[];
}

/**
 * Pages read ahead of the one the caller checks, each on a connection of its own: with one, the server sat idle
 * between answering a page and being asked for the next.
 */
const PAGES_AHEAD = 2;

/**
 * The log's positions (after, upTo] page by page, as stored texts, reading the next pages while the caller hashes
 * the current one. A page the statement fails on comes back not vouched.
 */
export async function* readCanonicalTextPages(log: CanonicalTextLog, { after, upTo, pageSize = 5000 }: { after: number; upTo: number; pageSize?: number }): AsyncGenerator<CanonicalTextPage> {
  const kept = await serverKeepsDataCanonical(log.db, log.schema);
  const statement = canonicalTextStatement(eventLogSchema(log.schema).events, 'global_position > $1 AND global_position <= $2 ORDER BY global_position', kept);
  const read = (from: number): Promise<CanonicalTextRow[] | null> =>
    log.db.query<CanonicalTextRow>(statement, [from, Math.min(from + pageSize, upTo)], { prepareAs: kept ? 'audit_canonical_text_page' : 'audit_canonical_text_page_compared' }).catch(() => null);
  const pending: Promise<CanonicalTextRow[] | null>[] = [];
  let requested = after;
  const fill = () => {
    while (pending.length < PAGES_AHEAD && requested < upTo) {
      pending.push(read(requested));
      requested = Math.min(requested + pageSize, upTo);
    }
  };
  fill();
  for (let from = after; pending.length > 0; from += pageSize) {
    const rows = await (pending.shift() as Promise<CanonicalTextRow[] | null>);
    const pageUpTo = Math.min(from + pageSize, upTo);
    fill();
    const vouched = rows !== null && rows.every(vouchedFor);
    yield { after: from, upTo: pageUpTo, vouched, rows: vouched ? rows : [] };
  }
}
