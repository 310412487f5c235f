import { CHANGE_NUMBER_PREFIX } from '@itsm/contracts';
import { SqlNumberSequence, type SqlExecutor } from '@itsm/event-store';
import type { ChangeNumberAllocator } from '../ports/change-number-allocator.port';

export const DEFAULT_CHANGES_SCHEMA = 'changes';

/** CHG numbers from the sequence `<schema>.change_numbers` (unique, increasing, gaps allowed). */
export class SqlChangeNumberAllocator implements ChangeNumberAllocator {
  private readonly sequence: SqlNumberSequence;

  constructor(db: SqlExecutor, schema: string = DEFAULT_CHANGES_SCHEMA) {
    this.sequence = new SqlNumberSequence(db, { schema, sequence: 'change_numbers', prefix: CHANGE_NUMBER_PREFIX });
  }

  next(): Promise<string> {
    return this.sequence.next();
  }
}
