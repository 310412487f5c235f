import type { SqlExecutor } from '@itsm/event-store';
import { cursorKeyOf, decodeCursor, encodeCursor, liveTablesOf, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import type { CreditTier, WireMoney } from '@itsm/finance-domain';
import type { AccruedCredit, PeriodCredits } from '../ports/period-credits.port';
import { FINANCE_CREDITS_SCHEMA, financeCreditsProjection, type FinanceCreditsTables } from './finance-credits.projection';

/** A credit line as `GET /finance/credits` lists it: accrued or reversed, naming its incident and breach event. */
export interface ServiceCreditLine extends AccruedCredit {
  incidentId: string;
  priority: string;
  timerKind: string;
  breachedAt: string;
  policyVersion: number;
  percentOfMonthlyFee: string;
  monthlyFee: WireMoney;
  capped: boolean;
  status: 'accrued' | 'reversed';
  reversedAt: string | null;
  reversalReason: string | null;
  supersededByEventId: string | null;
}

export interface CreditPolicyRow {
  offeringId: string;
  version: number;
  effectiveFrom: string;
  consumerCostCenterId: string;
  tiers: CreditTier[];
  capPercentOfMonthlyFee: string;
  monthlyFee: WireMoney | null;
  publishedAt: string;
  revision: number;
}

export interface DisputeRow {
  disputeId: string;
  statementId: string;
  lineId: string;
  reason: string;
  state: 'open' | 'under-review' | 'resolved';
  openedBy: string;
  openedAt: string;
  reviewer: string | null;
  outcome: 'accepted' | 'rejected' | null;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  revision: number;
}

interface CreditDbRow {
  credit_id: string; period: string; cost_center_id: string; service_id: string; offering_id: string; incident_id: string; incident_number: string;
  breach_event_id: string; priority: string; timer_kind: string; breached_at: Date | string; policy_version: number; percent_of_monthly_fee: string;
  monthly_fee: string; amount: string; currency: string; capped: boolean; status: 'accrued' | 'reversed'; accrued_at: Date | string;
  reversed_at: Date | string | null; reversal_reason: string | null; superseded_by_event_id: string | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 200;
const isCreditCursor = cursorKeyOf<{ p: string; a: string; c: string }>({ p: isText, a: isText, c: isText });
const isPolicyCursor = cursorKeyOf<{ o: string }>({ o: isText });
const isDisputeCursor = cursorKeyOf<{ a: string; d: string }>({ a: isText, d: isText });

const accruedOf = (row: CreditDbRow): AccruedCredit => ({
  creditId: row.credit_id,
  period: row.period,
  costCenterId: row.cost_center_id,
  serviceId: row.service_id,
  offeringId: row.offering_id,
  incidentNumber: row.incident_number,
  breachEventId: row.breach_event_id,
  amount: { amount: row.amount, currency: row.currency },
  accruedAt: iso(row.accrued_at),
});

const lineOf = (row: CreditDbRow): ServiceCreditLine => ({
  ...accruedOf(row),
  incidentId: row.incident_id,
  priority: row.priority,
  timerKind: row.timer_kind,
  breachedAt: iso(row.breached_at),
  policyVersion: row.policy_version,
  percentOfMonthlyFee: row.percent_of_monthly_fee,
  monthlyFee: { amount: row.monthly_fee, currency: row.currency },
  capped: row.capped,
  status: row.status,
  reversedAt: row.reversed_at === null ? null : iso(row.reversed_at),
  reversalReason: row.reversal_reason,
  supersededByEventId: row.superseded_by_event_id,
});

/**
 * Reads `financeCreditsProjection`: the `PeriodCredits` a period close takes (accrued, not reversed, above zero) and
 * the lists of credits, credit policies and disputes.
 */
export class SqlFinanceCredits implements PeriodCredits {
  private readonly t: FinanceCreditsTables;

  constructor(
    private readonly db: Pick<SqlExecutor, 'query'>,
    schema: string = FINANCE_CREDITS_SCHEMA,
  ) {
    this.t = liveTablesOf(financeCreditsProjection, schema);
  }

  async creditsFor(period: string): Promise<AccruedCredit[]> {
    const rows = await this.db.query<CreditDbRow>(
      `SELECT * FROM ${this.t.finance_service_credits} WHERE period = $1 AND status = 'accrued' AND amount::numeric > 0 ORDER BY accrued_at, credit_id`,
      [period],
    );
    return rows.map(accruedOf);
  }

  /** Every credit line, accrued or reversed (a capped one may be zero), by period, accrual time and id; cursor pages. */
  async credits({ period, costCenterId, limit, cursor }: { period?: string; costCenterId?: string; limit?: number; cursor?: string } = {}): Promise<Page<ServiceCreditLine>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (period !== undefined) where.push(`period = $${params.push(period)}`);
    if (costCenterId !== undefined) where.push(`cost_center_id = $${params.push(costCenterId)}`);
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isCreditCursor);
      params.push(after.p, after.a, after.c);
      where.push(`(period, accrued_at, credit_id) > ($${params.length - 2}, $${params.length - 1}::timestamptz, $${params.length})`);
    }
    const rows = await this.db.query<CreditDbRow>(
      `SELECT * FROM ${this.t.finance_service_credits} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period, accrued_at, credit_id LIMIT $1`,
      params,
    );
    return pageOf(rows, size, lineOf, (row) => encodeCursor({ p: row.period, a: iso(row.accrued_at), c: row.credit_id }));
  }

  /** The latest version of each offering's credit policy, by offering; cursor pages. */
  async creditPolicies({ consumerCostCenterId, limit, cursor }: { consumerCostCenterId?: string; limit?: number; cursor?: string } = {}): Promise<Page<CreditPolicyRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (consumerCostCenterId !== undefined) where.push(`consumer_cost_center_id = $${params.push(consumerCostCenterId)}`);
    if (cursor !== undefined) where.push(`offering_id > $${params.push(decodeCursor(cursor, isPolicyCursor).o)}`);
    const rows = await this.db.query<{
      offering_id: string; version: number; effective_from: string; consumer_cost_center_id: string; tiers: CreditTier[] | string; cap_percent: string;
      monthly_fee: WireMoney | string | null; published_at: Date | string; revision: number;
    }>(
      `SELECT offering_id, version, effective_from::text AS effective_from, consumer_cost_center_id, tiers, cap_percent, monthly_fee, published_at, revision
       FROM ${this.t.finance_credit_policies} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY offering_id LIMIT $1`,
      params,
    );
    const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
    return pageOf(
      rows,
      size,
      (row) => ({
        offeringId: row.offering_id,
        version: row.version,
        effectiveFrom: row.effective_from,
        consumerCostCenterId: row.consumer_cost_center_id,
        tiers: json(row.tiers),
        capPercentOfMonthlyFee: row.cap_percent,
        monthlyFee: row.monthly_fee === null ? null : json(row.monthly_fee),
        publishedAt: iso(row.published_at),
        revision: row.revision,
      }),
      (row) => encodeCursor({ o: row.offering_id }),
    );
  }

  /** The disputes, of one statement when given, by opening time; cursor pages. */
  async disputes({ statementId, state, limit, cursor }: { statementId?: string; state?: string; limit?: number; cursor?: string } = {}): Promise<Page<DisputeRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (statementId !== undefined) where.push(`statement_id = $${params.push(statementId)}`);
    if (state !== undefined) where.push(`state = $${params.push(state)}`);
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isDisputeCursor);
      params.push(after.a, after.d);
      where.push(`(opened_at, dispute_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = await this.db.query<{
      dispute_id: string; statement_id: string; line_id: string; reason: string; state: DisputeRow['state']; opened_by: string; opened_at: Date | string;
      reviewer: string | null; outcome: DisputeRow['outcome']; resolution: string | null; resolved_by: string | null; resolved_at: Date | string | null; revision: number;
    }>(`SELECT * FROM ${this.t.finance_disputes} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at, dispute_id LIMIT $1`, params);
    return pageOf(
      rows,
      size,
      (row) => ({
        disputeId: row.dispute_id,
        statementId: row.statement_id,
        lineId: row.line_id,
        reason: row.reason,
        state: row.state,
        openedBy: row.opened_by,
        openedAt: iso(row.opened_at),
        reviewer: row.reviewer,
        outcome: row.outcome,
        resolution: row.resolution,
        resolvedBy: row.resolved_by,
        resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at),
        revision: row.revision,
      }),
      (row) => encodeCursor({ a: iso(row.opened_at), d: row.dispute_id }),
    );
  }
}
