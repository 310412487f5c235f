import { ApiProperty } from '@nestjs/swagger';
import type { CreditPolicyRow, ServiceCreditLine } from '@itsm/finance-application';
import type { PublishedCreditPolicy } from '@itsm/finance-domain';
import { MoneyResponse } from './money.response';

export class CreditTierResponse {
  @ApiProperty({ enum: ['P1', 'P2', 'P3', 'P4', 'P5'] })
  priority!: string;

  @ApiProperty({ enum: ['response', 'resolution'] })
  timerKind!: string;

  @ApiProperty({ example: '10', description: 'Percent of the monthly fee, a decimal string' })
  percentOfMonthlyFee!: string;
}

export class CreditPolicyVersionResponse {
  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ format: 'date' })
  effectiveFrom!: string;

  @ApiProperty({ format: 'uuid', description: 'The cost center credited for the offering’s breaches' })
  consumerCostCenterId!: string;

  @ApiProperty({ type: [CreditTierResponse] })
  tiers!: CreditTierResponse[];

  @ApiProperty({ example: '100', description: 'The most a period’s credits add up to, in percent of the monthly fee' })
  capPercentOfMonthlyFee!: string;

  @ApiProperty({ type: MoneyResponse, nullable: true, description: 'null: the service’s fixed monthly cost (its cost model)' })
  monthlyFee!: MoneyResponse | null;

  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;
}

/** An offering's credit policy with every version (ETag: its stream revision). */
export class CreditPolicyResponse {
  @ApiProperty({ format: 'uuid' })
  offeringId!: string;

  @ApiProperty({ type: [CreditPolicyVersionResponse], description: 'Oldest first' })
  versions!: CreditPolicyVersionResponse[];

  static of(state: PublishedCreditPolicy): CreditPolicyResponse {
    return { offeringId: state.offeringId, versions: state.versions.map((version) => ({ ...version })) };
  }
}

/** The latest version of an offering's policy, as listed. */
export class CreditPolicySummaryResponse extends CreditPolicyVersionResponse {
  @ApiProperty({ format: 'uuid' })
  offeringId!: string;

  static of(row: CreditPolicyRow): CreditPolicySummaryResponse {
    const { offeringId, version, effectiveFrom, consumerCostCenterId, tiers, capPercentOfMonthlyFee, monthlyFee, publishedAt } = row;
    return { offeringId, version, effectiveFrom, consumerCostCenterId, tiers, capPercentOfMonthlyFee, monthlyFee, publishedAt };
  }
}

export class CreditPolicyPageResponse {
  @ApiProperty({ type: [CreditPolicySummaryResponse] })
  items!: CreditPolicySummaryResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

/** A service credit line: one SLA breach credited to a consumer, naming the incident and the breach event. */
export class ServiceCreditResponse {
  @ApiProperty({ description: 'The breach event’s id' })
  creditId!: string;

  @ApiProperty({ example: '2026-03' })
  period!: string;

  @ApiProperty({ format: 'uuid' })
  costCenterId!: string;

  @ApiProperty()
  serviceId!: string;

  @ApiProperty()
  offeringId!: string;

  @ApiProperty()
  incidentId!: string;

  @ApiProperty({ example: 'INC0000042' })
  incidentNumber!: string;

  @ApiProperty({ description: 'The id of the incidents’ SlaBreached event' })
  breachEventId!: string;

  @ApiProperty({ example: 'P1' })
  priority!: string;

  @ApiProperty({ example: 'resolution' })
  timerKind!: string;

  @ApiProperty({ format: 'date-time' })
  breachedAt!: string;

  @ApiProperty()
  policyVersion!: number;

  @ApiProperty({ example: '10' })
  percentOfMonthlyFee!: string;

  @ApiProperty({ type: MoneyResponse })
  monthlyFee!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'What is credited; zero when the cap was used up' })
  amount!: MoneyResponse;

  @ApiProperty({ description: 'The period’s cap cut it' })
  capped!: boolean;

  @ApiProperty({ enum: ['accrued', 'reversed'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  accruedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reversedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reversalReason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The incidents’ event that superseded the breach' })
  supersededByEventId!: string | null;

  static of(line: ServiceCreditLine): ServiceCreditResponse {
    return { ...line };
  }
}

export class ServiceCreditPageResponse {
  @ApiProperty({ type: [ServiceCreditResponse] })
  items!: ServiceCreditResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
