import type { WireMoney } from '@itsm/finance-domain';

/**
 * A service's cost model as finance keeps it: exact money, converted once at the boundary from the catalog's legacy
 * float fields (`ServiceCostModelSet` v1 carries numbers).
 */
export interface FinanceCostModel {
  /** The decimal `fixedMonthlyCost` was written as, rounded once (half to even) to the currency's minor unit. */
  fixedMonthlyCost: WireMoney;
  /**
   * Price per unit, kept as the exact decimal it was written as (`"0.0023"`): a unit rate may be finer than the
   * minor unit, and is rounded only where a quantity is priced.
   */
  unitRate: { amount: string; currency: string };
  unitName: string;
  setAt: string;
}

export interface FinanceService {
  serviceId: string;
  number: string;
  name: string;
  lifecycle: string;
  /** null: no cost model set, or one finance could not read (`costModelProblem` says why). */
  costModel: FinanceCostModel | null;
  costModelProblem: string | null;
}

export interface FinanceOffering {
  offeringId: string;
  serviceId: string;
  name: string;
  default: boolean;
}

/** Finance's copy of the catalog (services, their cost models and offerings), fed by the catalog's published events. */
export interface FinanceCatalog {
  /** The services of `ids` the copy knows (unknown ids are left out). */
  services(ids: readonly string[]): Promise<FinanceService[]>;
  offeringsOf(serviceId: string): Promise<FinanceOffering[]>;
  /** The offering of that id, if the copy knows it (null after its removal). */
  offering(offeringId: string): Promise<FinanceOffering | null>;
}
