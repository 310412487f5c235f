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

export interface CanonicalTextPaging {
  after: number;
  upTo: number;
  pageSize?: number;
  /** A smaller first page (each next one twice the last, up to `pageSize`): the caller starts hashing sooner. */
  firstPageSize?: number;
}

/**
 * The log's positions (after, upTo] page by page, as stored texts, reading the next pages while the caller hashes
 * the current one. A page the statement fails on comes back without rows.
 */
export async function* readCanonicalTextPages(log: CanonicalTextLog, { after, upTo, pageSize = 5000, firstPageSize = pageSize }: CanonicalTextPaging): AsyncGenerator<CanonicalTextPage> {
  const kept = await serverKeepsDataCanonical(log.db, log.schema);
  const { events } = eventLogSchema(log.schema);
  const pending: { after: number; upTo: number; rows: Promise<StoredTextPage | null> }[] = [];
  let requested = after;
  let nextSize = Math.max(1, Math.min(firstPageSize, pageSize));
  const fill = () => {
    while (pending.length < PAGES_AHEAD && requested < upTo) {
      const range = { after: requested, upTo: Math.min(requested + nextSize, upTo) };
      pending.push({ ...range, rows: readStoredTexts(log.db, events, range, kept).catch(() => null) });
      requested = range.upTo;
      nextSize = Math.min(2 * nextSize, pageSize);
    }
  };
  fill();
  while (pending.length > 0) {
    const page = pending.shift() as (typeof pending)[number];
    const rows = await page.rows;
    fill();
    yield { after: page.after, upTo: page.upTo, rows };
  }
}

/** Pages begun before they are walked: the first ones are asked for at once. */
export interface StartedCanonicalTextPages extends AsyncIterable<CanonicalTextPage> {
  /** For a caller that will not walk them after all (its reads end on their own). */
  cancel(): void;
}

/** `readCanonicalTextPages`, its first pages asked for now: the server copies them while the caller does other work. */
export const startCanonicalTextPages = (log: CanonicalTextLog, paging: CanonicalTextPaging): StartedCanonicalTextPages => {
  const pages = readCanonicalTextPages(log, paging);
  const first = pages.next();
  // Seen when walked; until then a failed first read must not go unhandled.
  first.catch(() => undefined);
  return {
    async *[Symbol.asyncIterator]() {
      for (let step = await first; !step.done; step = await pages.next()) yield step.value;
    },
    cancel: () => void pages.return(undefined).catch(() => undefined),
  };
};
