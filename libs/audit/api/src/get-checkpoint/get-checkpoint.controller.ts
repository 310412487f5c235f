import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { AuditProofs, checkpointView } from '@itsm/audit-application';
import { ApiProblemResponses, validationProblem } from '@itsm/platform-kit';
import { AuditController } from '../shared/audit-controller.decorator';
import { IntegrityReaders } from '../shared/audit-roles';
import { CheckpointResponse } from '../shared/responses';

@AuditController()
export class GetCheckpointController {
  constructor(private readonly proofs: AuditProofs) {}

  @Get('checkpoints/:treeSize')
  @IntegrityReaders()
  @ApiParam({ name: 'treeSize', description: 'A checkpoint’s tree size, or `latest`', example: 'latest' })
  @ApiProblemResponses(400, 404)
  @ApiOperation({ summary: 'One signed checkpoint', description: 'By tree size, or the latest one.' })
  @ApiOkResponse({ type: CheckpointResponse })
  async get(@Param('treeSize') treeSize: string): Promise<CheckpointResponse> {
    if (treeSize !== 'latest' && !/^[1-9]\d{0,15}$/.test(treeSize)) {
      throw validationProblem([{ field: 'treeSize', message: 'treeSize must be a positive integer or latest' }]);
    }
    return checkpointView(await this.proofs.checkpoint(treeSize === 'latest' ? undefined : Number(treeSize)));
  }
}
