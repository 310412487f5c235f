import { ApiProperty } from '@nestjs/swagger';
import { RISK_LEVELS, type RiskLevel } from '@itsm/contracts';

class LevelOutcomesResponse {
  @ApiProperty()
  changes!: number;

  @ApiProperty({ example: { successful: 12, 'successful-with-issues': 1, failed: 1, 'backed-out': 0, notCompleted: 3 } })
  outcomes!: Record<string, number>;

  @ApiProperty({ example: { numerator: 1, denominator: 14 }, description: 'Failed and backed-out over completed, as a fraction' })
  failureRate!: { numerator: number; denominator: number };

  @ApiProperty()
  causedIncidents!: number;
}

class BacktestExampleResponse {
  @ApiProperty({ format: 'uuid' })
  changeId!: string;

  @ApiProperty({ example: 'CHG0000042' })
  number!: string;

  @ApiProperty({ enum: RISK_LEVELS })
  from!: RiskLevel;

  @ApiProperty({ enum: RISK_LEVELS })
  to!: RiskLevel;

  @ApiProperty({ example: [{ rule: 'critical-service', level: 'high', reason: 'a service is critical' }] })
  firedRules!: { rule: string; level: RiskLevel; reason: string }[];
}

class NotReplayedResponse {
  @ApiProperty({ format: 'uuid' })
  changeId!: string;

  @ApiProperty({ example: 'CHG0000042' })
  number!: string;

  @ApiProperty()
  reason!: string;
}

/** How past changes would have been assessed under a candidate policy, and how each level's changes turned out. */
export class RiskBacktestResponse {
  @ApiProperty({ example: '2027-01.1' })
  candidateVersion!: string;

  @ApiProperty()
  changesReplayed!: number;

  @ApiProperty({ description: 'Replayed changes the candidate puts at another level than the one recorded' })
  changedLevel!: number;

  @ApiProperty({ description: 'moves[recorded][candidate]: how many changes go from one level to the other', example: { low: { low: 10, moderate: 2, high: 0, 'very-high': 0 } } })
  moves!: Record<RiskLevel, Record<RiskLevel, number>>;

  @ApiProperty({ description: 'Outcomes of the changes by the level the candidate gives them', type: 'object', additionalProperties: { $ref: '#/components/schemas/LevelOutcomesResponse' } })
  byCandidateLevel!: Record<RiskLevel, LevelOutcomesResponse>;

  @ApiProperty({ description: 'The same by the level recorded', type: 'object', additionalProperties: { $ref: '#/components/schemas/LevelOutcomesResponse' } })
  byRecordedLevel!: Record<RiskLevel, LevelOutcomesResponse>;

  @ApiProperty({ type: [BacktestExampleResponse], description: 'The first changes whose level would change (at most 10)' })
  examples!: BacktestExampleResponse[];

  @ApiProperty({ example: { '2026-12.1': 40 } })
  recordedPolicyVersions!: Record<string, number>;

  @ApiProperty({ type: [NotReplayedResponse], description: 'Changes the candidate cannot assess, or whose assessment recorded no facts; counted nowhere else' })
  notReplayed!: NotReplayedResponse[];
}

/** Referenced by name from the records above (a record of a class has no decorator of its own). */
export const RISK_BACKTEST_EXTRA_MODELS = [LevelOutcomesResponse];
