import { CALENDAR_NUMBER_PREFIX } from '@itsm/contracts';
import { SqlNumberSequence, type SqlExecutor } from '@itsm/event-store';
import type { CalendarNumberAllocator } from '../ports/calendar-number-allocator.port';
import { DEFAULT_CATALOG_SCHEMA } from './sql-service-number-allocator.adapter';

/** CAL numbers from the sequence `<schema>.calendar_numbers` (unique, increasing, gaps allowed). */
export class SqlCalendarNumberAllocator implements CalendarNumberAllocator {
  private readonly sequence: SqlNumberSequence;

  constructor(db: SqlExecutor, schema: string = DEFAULT_CATALOG_SCHEMA) {
    this.sequence = new SqlNumberSequence(db, { schema, sequence: 'calendar_numbers', prefix: CALENDAR_NUMBER_PREFIX });
  }

  next(): Promise<string> {
    return this.sequence.next();
  }
}
