import { Inject, Injectable } from '@nestjs/common';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import type { CreditPolicyState, CreditTier, PublishedCreditPolicy, WireMoney } from '@itsm/finance-domain';
import { FinanceNotFound } from '../errors';
import { FINANCE_CATALOG } from '../nest/finance-application.tokens';
import type { FinanceCatalog } from '../ports/finance-catalog.port';
import { isUuid } from '../stream-ids';
import { CostCenterStreams, CreditPolicyStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

export interface PublishCreditPolicyVersionInput {
  effectiveFrom: string;
  consumerCostCenterId: string;
  tiers: CreditTier[];
  capPercentOfMonthlyFee: string;
  monthlyFee?: WireMoney | null;
}

/**
 * `PUT /credit-policies/:offeringId`: a new version of the offering's credit policy (the decider refuses one that
 * does not take effect after the latest; the latest sent again records nothing). The offering must be one finance's
 * catalog copy knows (else 404), the consumer an open cost center (read from its stream).
 */
@Injectable()
export class PublishCreditPolicyVersionHandler {
  constructor(
    private readonly streams: CreditPolicyStreams,
    private readonly costCenters: CostCenterStreams,
    @Inject(FINANCE_CATALOG) private readonly catalog: FinanceCatalog,
  ) {}

  async execute(offeringId: string, input: PublishCreditPolicyVersionInput, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<PublishedCreditPolicy>> {
    const id = String(offeringId).toLowerCase();
    if (!isUuid(id) || (await this.catalog.offering(id)) === null) throw new FinanceNotFound('offering', offeringId);
    const consumerCostCenterId = String(input.consumerCostCenterId).toLowerCase();
    const consumer = isUuid(consumerCostCenterId) ? (await this.costCenters.loadEvenIfAbsent(consumerCostCenterId)).state : { status: 'initial' as const };
    if (consumer.status === 'initial') throw new RuleViolation(`The consumer cost center ${consumerCostCenterId} does not exist`);
    if (consumer.status === 'closed') throw new RuleViolation(`The consumer cost center ${consumer.code} is closed`);
    const data = {
      offeringId: id,
      effectiveFrom: input.effectiveFrom,
      consumerCostCenterId,
      tiers: input.tiers,
      capPercentOfMonthlyFee: input.capPercentOfMonthlyFee,
      monthlyFee: input.monthlyFee ?? null,
    };
    const result = await this.streams.execute(id, { type: 'PublishCreditPolicyVersion', data }, metadata, options);
    return { ...result, state: result.state as PublishedCreditPolicy };
  }
}

/** `GET /credit-policies/:offeringId`: the policy folded from its stream (every version), with its revision. */
@Injectable()
export class CreditPolicyQuery {
  constructor(private readonly streams: CreditPolicyStreams) {}

  async get(offeringId: string): Promise<{ revision: number; state: PublishedCreditPolicy }> {
    const { revision, state } = await this.streams.load(offeringId);
    return { revision, state: state as Exclude<CreditPolicyState, { status: 'initial' }> };
  }
}
