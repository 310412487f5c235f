import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AuditProofs } from '@itsm/audit-application';
import { ApiProblemResponses } from '@itsm/platform-kit';
import { AuditController } from '../shared/audit-controller.decorator';
import { IntegrityReaders } from '../shared/audit-roles';
import { ConsistencyProofResponse } from '../shared/responses';
import { ConsistencyProofQuery } from './consistency-proof.query.dto';

@AuditController('proofs')
export class ConsistencyProofController {
  constructor(private readonly proofs: AuditProofs) {}

  @Get('consistency')
  @IntegrityReaders()
  @ApiProblemResponses(400, 404)
  @ApiOperation({
    summary: 'Prove that a later checkpoint extends an earlier one',
    description:
      'An RFC 6962 consistency proof between two signed checkpoints: the newer tree holds the older one unchanged as its first events (the log was only appended to). ' +
      'Keep the older checkpoint and check the proof against both roots.',
  })
  @ApiOkResponse({ type: ConsistencyProofResponse })
  consistency(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofResponse> {
    return this.proofs.consistency(query.from, query.to);
  }
}
