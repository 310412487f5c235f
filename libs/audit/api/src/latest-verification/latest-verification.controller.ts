import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { SqlVerificationRuns, type RecordedVerification } from '@itsm/audit-application';
import { ApiProblemResponses, ProblemException, ProblemType } from '@itsm/platform-kit';
import { AuditController } from '../shared/audit-controller.decorator';
import { IntegrityReaders } from '../shared/audit-roles';

@AuditController()
export class LatestVerificationController {
  constructor(private readonly runs: SqlVerificationRuns) {}

  @Get('verify')
  @IntegrityReaders()
  @ApiProblemResponses(404)
  @ApiOperation({
    summary: 'The latest verification of the log',
    description:
      'The result of the last full verification, by `itsm verify` or by the platform’s background run (ITSM_AUDIT_VERIFY_HOURS): ' +
      'every stream’s hash chain, the global order, each event against the audit tree and every signed checkpoint. `firstFailure` names ' +
      'the position and stream of the first problem. 404 until a verification has run.',
  })
  @ApiOkResponse({ description: 'The run: `source` (itsm verify or platform), `startedAt`, `finishedAt`, `ok` and the full `result`' })
  async latest(): Promise<RecordedVerification> {
    const latest = await this.runs.latest();
    if (!latest) {
      throw new ProblemException({ type: ProblemType.notFound, title: 'Not found', status: 404, detail: 'No verification has run yet: run itsm verify, or wait for the background run' });
    }
    return latest;
  }
}
