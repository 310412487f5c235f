import type { AllocationSourceV1 } from '@itsm/contracts';

/** A cost center as the rules across cost centers need it. */
export interface DirectoryCostCenter {
  id: string;
  code: string;
  currency: string;
  parentId: string | null;
  status: 'opened' | 'closed';
}

export interface DirectoryCostPool {
  id: string;
  currency: string;
  status: 'opened' | 'closed';
}

/**
 * What finance's rules across aggregates ask (a code is unique, a parent makes no cycle, one budget per cost center
 * and period, one live allocation rule per source, a ledger file imported once), answered from finance's own
 * directory projection. A projection may lag the log: a handler that checks a uniqueness rule calls `catchUp()`
 * inside the rule's exclusive section first, so that every earlier write is seen.
 */
export interface FinanceDirectory {
  /** Resolves once the directory has applied every event of the log it reads (ReadModelBehind after a timeout). */
  catchUp(): Promise<void>;
  costCenterByCode(code: string): Promise<DirectoryCostCenter | null>;
  costCentersByCode(codes: readonly string[]): Promise<DirectoryCostCenter[]>;
  costCenters(ids: readonly string[]): Promise<DirectoryCostCenter[]>;
  /** The cost center's parent, its parent's parent, … (nearest first); stops at a repeat. */
  ancestorsOf(costCenterId: string): Promise<string[]>;
  costPools(ids: readonly string[]): Promise<DirectoryCostPool[]>;
  /** The budget of a cost center for a period, if one was planned. */
  budgetOf(costCenterId: string, period: string): Promise<string | null>;
  /** The live (not retired) allocation rule of a source, if any. */
  liveRuleOf(source: AllocationSourceV1): Promise<string | null>;
  /** The import that holds a file with this content hash, if any. */
  importOfContent(contentSha256: string): Promise<string | null>;
}
