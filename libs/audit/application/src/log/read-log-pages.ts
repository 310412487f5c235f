import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, ReadAllResult } from '@itsm/event-store';

export interface LogPagesOptions {
  /** Exclusive: start after this position (-1 or omitted: from the first event). */
  after?: number;
  /** Inclusive: stop at this position (the log's head when the run started, so appends during it do not prolong it). */
  upTo: number;
  /** Events per read; default 5000. */
  batchSize?: number;
}

/**
 * The log in global order, page by page, reading the next page while the caller works on the current one: the
 * database produces rows on its side while this process hashes or writes, so a long run costs the slower of the
 * two, not their sum. At most two pages are held (constant memory).
 */
export async function* readLogPages(store: Pick<EventStore, 'readAll'>, { after = -1, upTo, batchSize = 5000 }: LogPagesOptions): AsyncGenerator<RecordedEvent[]> {
  let position = after;
  if (position >= upTo) return;
  let next: Promise<ReadAllResult> | undefined = store.readAll({ fromPosition: position, maxCount: batchSize });
  while (next) {
    const page: ReadAllResult = await next;
    const done = page.lastPosition === position || page.lastPosition >= upTo || page.events.length < batchSize;
    position = page.lastPosition;
    next = done ? undefined : store.readAll({ fromPosition: position, maxCount: batchSize });
    // A failed prefetch is reported when it is awaited; until then it must not count as unhandled.
    next?.catch(() => undefined);
    const events = page.events[page.events.length - 1]?.globalPosition > upTo ? page.events.filter((event) => event.globalPosition <= upTo) : page.events;
    if (events.length > 0) yield events;
  }
}
