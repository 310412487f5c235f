import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';

/** Reads the whole log through `readAll` in pages; `onPage` sees each page (the readAll baseline counts them). */
export const readWholeLog = async (
  store: Pick<EventStore, 'readAll'>,
  pageSize: number,
  onPage: (events: readonly RecordedEvent[]) => void,
): Promise<number> => {
  let position = -1;
  let count = 0;
  for (;;) {
    const { events, lastPosition } = await store.readAll({
      fromPosition: position,
      maxCount: pageSize,
    });
    onPage(events);
    count += events.length;
    if (events.length < pageSize) return count;
    position = lastPosition;
  }
};
