import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { AUDIT_EVENT_QUERIES, recordTimeline, type RecordTimeline, type SqlEventLogQueries } from '@itsm/audit-application';
import type { EventStore } from '@itsm/event-store';
import { ApiProblemResponses, EVENT_STORE, ProblemException, STORED_EVENT_STORE, validationProblem } from '@itsm/platform-kit';
import { AuditController } from '../shared/audit-controller.decorator';
import { AuditorsOnly } from '../shared/audit-roles';
import { RecordTimelineResponse } from '../shared/responses';
import { RecordTimelineQuery } from './record-timeline.query.dto';

/** A number, a stream id or a uuid: printable, no spaces, bounded. */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9-]{2,199}$/;
const NUMBER = /^[A-Za-z]{3}\d{4,}$/;

@AuditController()
export class RecordTimelineController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORED_EVENT_STORE) private readonly storedStore: EventStore,
    @Inject(AUDIT_EVENT_QUERIES) private readonly queries: SqlEventLogQueries | null,
  ) {}

  @Get('records/:reference')
  @AuditorsOnly()
  @ApiParam({ name: 'reference', description: 'A record number (INC…, CHG…, SVC…, CAL…), a stream id or its uuid', example: 'INC0000042' })
  @ApiProblemResponses(400, 404, 501)
  @ApiOperation({
    summary: 'The timeline of one record',
    description:
      'What `itsm audit <ref>` prints: every event of the record as recorded (when, who, what it set, event id, position, correlation and causation), ' +
      'up to `asOf` when given, with its hash chain re-checked. Numbers are found on the log in PostgreSQL (with EventStoreDB use the stream id). ' +
      'Behind the gateway in the distributed shape, the record goes to the context its number or stream id names. For the auditor role only.',
  })
  @ApiOkResponse({ type: RecordTimelineResponse })
  timeline(@Param('reference') reference: string, @Query() query: RecordTimelineQuery): Promise<RecordTimeline> {
    if (!REFERENCE.test(reference)) throw validationProblem([{ field: 'reference', message: 'reference must be a record number, a stream id or a uuid' }]);
    if (!this.queries && NUMBER.test(reference)) {
      throw new ProblemException({ status: 501, title: 'Not implemented', detail: 'Record numbers are found on the log in PostgreSQL; with the log in EventStoreDB use the stream id' });
    }
    // Shown decrypted; the chain is checked on the stored form it covers.
    return recordTimeline(reference, this.store, this.queries ?? undefined, query.asOf ? new Date(query.asOf) : undefined, this.storedStore);
  }
}
