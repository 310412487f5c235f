import { INCIDENT_NUMBER_PREFIX } from '@itsm/contracts';
import { SqlNumberSequence, type SqlExecutor } from '@itsm/event-store';
import type { IncidentNumberAllocator } from '../ports/incident-number-allocator.port';

export const DEFAULT_INCIDENTS_SCHEMA = 'incidents';

/** INC numbers from the sequence `<schema>.incident_numbers`: atomic across processes, never handed out twice. */
export class SqlIncidentNumberAllocator implements IncidentNumberAllocator {
  private readonly sequence: SqlNumberSequence;

  constructor(db: SqlExecutor, schema: string = DEFAULT_INCIDENTS_SCHEMA) {
    this.sequence = new SqlNumberSequence(db, { schema, sequence: 'incident_numbers', prefix: INCIDENT_NUMBER_PREFIX });
  }

  next(): Promise<string> {
    return this.sequence.next();
  }
}
