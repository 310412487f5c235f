import type { WireMoney } from '@itsm/finance-domain';

/**
 * A service credit accrued to a consumer (cost centre) in a period, from one SLA breach. The credits process writes
 * them; a period's statements read them. A reversed credit (its breach superseded) is not among them.
 */
export interface AccruedCredit {
  creditId: string;
  /** `YYYY-MM`, the period of the breach. */
  period: string;
  costCenterId: string;
  serviceId: string;
  offeringId: string;
  incidentNumber: string;
  breachEventId: string;
  /** What the consumer is credited, positive, in the currency of the service's monthly fee. */
  amount: WireMoney;
  accruedAt: string;
}

/** The credits of a period, as a period close reads them (ordered by accruedAt, then creditId). */
export interface PeriodCredits {
  creditsFor(period: string): Promise<AccruedCredit[]>;
}
