import { Body, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { runRiskBacktest } from '@itsm/changes-application';
import { DEFAULT_RISK_POLICY, parseRiskPolicy, RiskPolicyInvalid, type RiskPolicy } from '@itsm/changes-domain';
import { ApiProblemResponses, Roles, validationProblem, type Role } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';
import { RISK_BACKTEST_EXTRA_MODELS, RiskBacktestResponse } from './risk-backtest.response';

/** Who back-tests a candidate risk policy: those who would adopt it. */
export const RISK_POLICY_MANAGERS: readonly Role[] = ['change-manager', 'admin'];

@ChangeController()
@ApiExtraModels(...RISK_BACKTEST_EXTRA_MODELS)
export class RiskBacktestController {
  constructor(@Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort) {}

  @Post('risk/backtest')
  @HttpCode(200)
  @Roles(...RISK_POLICY_MANAGERS)
  @ApiProblemResponses(400)
  @ApiOperation({
    summary: 'Back-test a candidate risk policy',
    description:
      'Replays every assessed change (the facts and answers its latest assessment recorded) under the candidate policy in the body: ' +
      'how many would change level, the moves between levels, and the outcomes, failure rate and caused incidents of each level, ' +
      'candidate and recorded. Nothing is written. A policy that does not parse is a 400 listing every problem, each under its path ' +
      '(rules[2].when.atLeast). The same as `itsm changes backtest-risk --policy FILE`.',
  })
  @ApiBody({ description: 'The candidate policy, as a policy file holds it', schema: { type: 'object', example: DEFAULT_RISK_POLICY } })
  @ApiOkResponse({ type: RiskBacktestResponse })
  async backtest(@Body() body: unknown): Promise<RiskBacktestResponse> {
    // Checked before the history is read: a wrong file costs no query.
    const candidate = candidateOf(body);
    return runRiskBacktest(candidate, await this.readModels.riskHistory.assessedChanges());
  }
}

/** The policy, or a 400 with every problem under its path. */
const candidateOf = (body: unknown): RiskPolicy => {
  try {
    return parseRiskPolicy(body);
  } catch (error) {
    if (error instanceof RiskPolicyInvalid) throw validationProblem(error.problems.map(({ path, message }) => ({ field: path, message })));
    throw error;
  }
};
