import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AUDIT_EVENT_QUERIES, AuditProofs, ProofNotAvailable, type SqlEventLogQueries } from '@itsm/audit-application';
import { ApiProblemResponses, validationProblem } from '@itsm/platform-kit';
import { AuditController } from '../shared/audit-controller.decorator';
import { IntegrityReaders } from '../shared/audit-roles';
import { InclusionProofResponse } from '../shared/responses';
import { InclusionProofQuery } from './inclusion-proof.query.dto';

@AuditController('proofs')
export class InclusionProofController {
  constructor(
    private readonly proofs: AuditProofs,
    @Inject(AUDIT_EVENT_QUERIES) private readonly queries: SqlEventLogQueries | null,
  ) {}

  @Get('inclusion')
  @IntegrityReaders()
  @ApiProblemResponses(400, 404)
  @ApiOperation({
    summary: 'Prove that an event is in a signed checkpoint',
    description:
      'An RFC 6962 inclusion proof of the event’s leaf (docs/audit-hashing.md) in the tree of a signed checkpoint (the latest by default). ' +
      '404 when the event is newer than that checkpoint: ask again after the next one.',
  })
  @ApiOkResponse({ type: InclusionProofResponse })
  async inclusion(@Query() query: InclusionProofQuery): Promise<InclusionProofResponse> {
    if ((query.position === undefined) === (query.eventId === undefined)) {
      throw validationProblem([{ field: 'position', message: 'give either position or eventId' }]);
    }
    const position = query.position ?? (await this.positionOf(query.eventId as string));
    const event = await this.proofs.eventAt(position);
    if (!event) throw new ProofNotAvailable(`no event at position ${position}`);
    return this.proofs.inclusion(event, query.treeSize);
  }

  private async positionOf(eventId: string): Promise<number> {
    const [event] = this.queries ? await this.queries.eventsById([eventId]) : [];
    if (!event) throw new ProofNotAvailable(`no event ${eventId}`);
    return event.globalPosition;
  }
}
