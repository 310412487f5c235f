import { Inject, Injectable } from '@nestjs/common';
import { parsePeriod, type CreatedRateCard } from '@itsm/finance-domain';
import { FINANCE_INCIDENTS } from '../nest/finance-application.tokens';
import type { FinanceIncidents } from '../ports/finance-incidents.port';
import { RateCardStreams } from '../streams/finance-streams';
import { labourTotals, priceLabour, type LabourTotal, type PricedWork } from './price-labour';

export interface LabourCosts {
  period: string;
  rateCardId: string;
  entries: PricedWork[];
  totals: LabourTotal[];
}

/**
 * Labour of a period from finance's copy of incidents (`IncidentWorkLogged`), priced with a rate card: minutes × the
 * hourly rate of the worker's role in the version in effect on the day of the log. Which card prices labour is the
 * caller's choice (the period close will name it).
 */
@Injectable()
export class LabourCostsQuery {
  constructor(
    @Inject(FINANCE_INCIDENTS) private readonly incidents: FinanceIncidents,
    private readonly rateCards: RateCardStreams,
  ) {}

  async execute({ period, rateCardId }: { period: string; rateCardId: string }): Promise<LabourCosts> {
    const { id, start, end } = parsePeriod(period);
    const { state } = await this.rateCards.load(rateCardId);
    const entries = priceLabour(await this.incidents.workLogged({ from: start, to: end }), state as CreatedRateCard);
    return { period: id, rateCardId: rateCardId.toLowerCase(), entries, totals: labourTotals(entries) };
  }
}
