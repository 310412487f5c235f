import { SERVICE_NUMBER_PREFIX } from '@itsm/contracts';
import { SqlNumberSequence, type SqlExecutor } from '@itsm/event-store';
import type { ServiceNumberAllocator } from '../ports/service-number-allocator.port';

export const DEFAULT_CATALOG_SCHEMA = 'catalog';

/** SVC numbers from the sequence `<schema>.service_numbers` (unique, increasing, gaps allowed). */
export class SqlServiceNumberAllocator implements ServiceNumberAllocator {
  private readonly sequence: SqlNumberSequence;

  constructor(db: SqlExecutor, schema: string = DEFAULT_CATALOG_SCHEMA) {
    this.sequence = new SqlNumberSequence(db, { schema, sequence: 'service_numbers', prefix: SERVICE_NUMBER_PREFIX });
  }

  next(): Promise<string> {
    return this.sequence.next();
  }
}
