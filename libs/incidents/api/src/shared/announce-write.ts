import type { Response } from 'express';
import type { RecordedEvent } from '@itsm/event-sourcing';

export const LOG_POSITION_HEADER = 'X-Log-Position';

/** Where the write landed in the log (`X-Log-Position`) and, for an opening, where the new incident is. */
export const announceWrite = (
  response: Response,
  events: readonly RecordedEvent[],
  location?: string,
): void => {
  const last = events[events.length - 1];
  if (last)
    response.setHeader(LOG_POSITION_HEADER, String(last.globalPosition));
  if (location) response.setHeader('Location', location);
};
