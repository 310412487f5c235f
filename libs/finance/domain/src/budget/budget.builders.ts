import type { BudgetConversionV1 } from '@itsm/contracts';
import type { WireMoney } from '../money';
import type { PlanBudget, RecordBudgetActual, RecordBudgetCommitment, RevisePlannedBudget } from './commands';
import type { BudgetActualRecorded, BudgetCommitmentRecorded, BudgetFellBelowThreshold, BudgetPlanned, BudgetPlanRevised, BudgetThresholdCrossed } from './events';

export const budgetId = '0190f3a4-4444-7222-8333-944445555666';
export const costCenterId = '0190f3a4-1111-7222-8333-944445555666';
export const now = new Date('2026-12-10T09:30:00.000Z');
const metadata = { now, actor: { id: 'finance-1', role: 'finance' } };
const at = now.toISOString();

export const eur = (amount: string): WireMoney => ({ amount, currency: 'EUR' });

export const plan = (data: Partial<PlanBudget['data']> = {}): PlanBudget => ({
  type: 'PlanBudget',
  data: { budgetId, costCenterId, costCenterCurrency: 'EUR', period: '2026-12', planned: eur('1000.00'), ...data },
  metadata,
});

export const planned = (data: Partial<BudgetPlanned['data']> = {}): BudgetPlanned => ({
  type: 'BudgetPlanned',
  data: { budgetId, costCenterId, period: '2026-12', planned: eur('1000.00'), thresholds: [80, 100], plannedAt: at, ...data },
});

export const revise = (amount: string, reason = 'Q4 reforecast'): RevisePlannedBudget => ({
  type: 'RevisePlannedBudget',
  data: { planned: eur(amount), reason },
  metadata,
});

export const revised = (amount: string, previous = '1000.00', reason = 'Q4 reforecast'): BudgetPlanRevised => ({
  type: 'BudgetPlanRevised',
  data: { budgetId, planned: eur(amount), previousPlanned: eur(previous), reason, revisedAt: at },
});

type Posting = RecordBudgetActual['data'];

export const spend = (amount: string | WireMoney, data: Partial<Posting> = {}): RecordBudgetActual => ({
  type: 'RecordBudgetActual',
  data: { amount: typeof amount === 'string' ? eur(amount) : amount, postedAt: '2026-12-03', source: 'invoice INV-42', ...data },
  metadata,
});

export const spent = (
  amount: string,
  actual: string,
  data: Partial<{ postedAt: string; source: string; postingId: string | null; conversion: BudgetConversionV1 | null }> = {},
): BudgetActualRecorded => ({
  type: 'BudgetActualRecorded',
  data: { budgetId, amount: eur(amount), actual: eur(actual), postedAt: '2026-12-03', source: 'invoice INV-42', postingId: null, conversion: null, recordedAt: at, ...data },
});

export const commit = (amount: string, data: Partial<RecordBudgetCommitment['data']> = {}): RecordBudgetCommitment => ({
  type: 'RecordBudgetCommitment',
  data: { amount: eur(amount), postedAt: '2026-12-01', source: 'PO-7', ...data },
  metadata,
});

export const committed = (amount: string, total: string, postingId: string | null = null): BudgetCommitmentRecorded => ({
  type: 'BudgetCommitmentRecorded',
  data: { budgetId, amount: eur(amount), committed: eur(total), postedAt: '2026-12-01', source: 'PO-7', postingId, conversion: null, recordedAt: at },
});

export const crossed = (threshold: number, actual: string, plannedAmount = '1000.00'): BudgetThresholdCrossed => ({
  type: 'BudgetThresholdCrossed',
  data: { budgetId, threshold, actual: eur(actual), planned: eur(plannedAmount), crossedAt: at },
});

export const fellBelow = (threshold: number, actual: string, plannedAmount = '1000.00'): BudgetFellBelowThreshold => ({
  type: 'BudgetFellBelowThreshold',
  data: { budgetId, threshold, actual: eur(actual), planned: eur(plannedAmount), fellAt: at },
});
