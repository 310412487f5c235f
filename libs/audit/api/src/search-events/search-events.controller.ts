import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AUDIT_EVENT_QUERIES, type SqlEventLogQueries } from '@itsm/audit-application';
import { ApiProblemResponses, ProblemException } from '@itsm/platform-kit';
import { cursorKeyOf, decodeCursor, encodeCursor, isCursorNumber, pageOf, pageSizeOf } from '@itsm/projections';
import { AuditController } from '../shared/audit-controller.decorator';
import { AuditorsOnly } from '../shared/audit-roles';
import { AuditEventPageResponse, AuditEventResponse } from '../shared/responses';
import { SearchEventsQuery } from './search-events.query.dto';

const isEventsCursor = cursorKeyOf<{ after: number }>({ after: isCursorNumber });

@AuditController()
export class SearchEventsController {
  constructor(@Inject(AUDIT_EVENT_QUERIES) private readonly queries: SqlEventLogQueries | null) {}

  @Get('events')
  @AuditorsOnly()
  @ApiProblemResponses(400, 501)
  @ApiOperation({
    summary: 'Search the event log',
    description:
      'Events as recorded (not upcast; personal fields decrypted, an erased subject\'s reading "[erased]"), oldest first, filtered by stream, type, actor, correlation id and recording time; cursor pages. ' +
      'Reads the log itself, so it is never behind. For the auditor role only.',
  })
  @ApiOkResponse({ type: AuditEventPageResponse })
  async search(@Query() query: SearchEventsQuery): Promise<AuditEventPageResponse> {
    if (!this.queries) {
      throw new ProblemException({ status: 501, title: 'Not implemented', detail: 'Event search reads the log in PostgreSQL; with the log in EventStoreDB it is not available yet' });
    }
    const limit = pageSizeOf(query.limit);
    const after = query.cursor ? decodeCursor(query.cursor, isEventsCursor).after : undefined;
    const events = await this.queries.search({
      streamId: query.streamId,
      type: query.type,
      actor: query.actor,
      correlationId: query.correlationId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      after,
      limit: limit + 1,
    });
    return pageOf(events, limit, AuditEventResponse.of, (event) => encodeCursor({ after: event.globalPosition }));
  }
}
