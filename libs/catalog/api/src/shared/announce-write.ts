import type { Response } from 'express';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { LOG_POSITION_HEADER } from './catalog-endpoint.decorators';

/**
 * Tells the caller where its write landed in the log (`X-Log-Position`, for read-your-writes on lists) and, for
 * creations, where the new resource is. A write that changed nothing appended no event and names no position.
 */
export const announceWrite = (response: Response, events: readonly RecordedEvent[], location?: string): void => {
  const last = events[events.length - 1];
  if (last) response.setHeader(LOG_POSITION_HEADER, String(last.globalPosition));
  if (location) response.setHeader('Location', location);
};
