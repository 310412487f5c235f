import {
  financeEntityIdOf,
  type CreditPolicyVersionPublishedV1,
  type DisputeOpenedV1,
  type DisputeResolvedV1,
  type DisputeReviewStartedV1,
  type ServiceCreditAccruedV1,
  type ServiceCreditReversedV1,
} from '@itsm/contracts';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';

export type FinanceCreditsTable = 'finance_credit_policies' | 'finance_service_credits' | 'finance_disputes';
export type FinanceCreditsTables = TableNames<FinanceCreditsTable>;

export const FINANCE_CREDITS_PROJECTION = 'finance_credits';
export const FINANCE_CREDITS_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

/**
 * The credit policies (the latest version of each offering's), the service credits (one row per breach credited,
 * accrued or reversed) and the disputes of statement lines. Each row is written from its own stream (a revision
 * guard on updates, `ON CONFLICT` on inserts), so the log's order and Kafka's per-stream order give the same rows.
 * Kept beside the handlers (not in the read-models lib) because the period close reads the credits through the
 * application's `PeriodCredits` port.
 */
export const financeCreditsProjection = defineProjection<FinanceCreditsTable>({
  name: FINANCE_CREDITS_PROJECTION,
  eventTypes: ['CreditPolicyVersionPublished', 'ServiceCreditAccrued', 'ServiceCreditReversed', 'DisputeOpened', 'DisputeReviewStarted', 'DisputeResolved'],
  tables: ['finance_credit_policies', 'finance_service_credits', 'finance_disputes'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_credit_policies} (
      offering_id text PRIMARY KEY,
      version integer NOT NULL,
      effective_from date NOT NULL,
      consumer_cost_center_id text NOT NULL,
      tiers jsonb NOT NULL,
      cap_percent text NOT NULL,
      monthly_fee jsonb,
      published_at timestamptz NOT NULL,
      revision integer NOT NULL
    );
    CREATE TABLE ${t.finance_service_credits} (
      credit_id text PRIMARY KEY,
      period text NOT NULL,
      cost_center_id text NOT NULL,
      service_id text NOT NULL,
      offering_id text NOT NULL,
      incident_id text NOT NULL,
      incident_number text NOT NULL,
      breach_event_id text NOT NULL,
      priority text NOT NULL,
      timer_kind text NOT NULL,
      breached_at timestamptz NOT NULL,
      policy_version integer NOT NULL,
      percent_of_monthly_fee text NOT NULL,
      monthly_fee text NOT NULL,
      amount text NOT NULL,
      currency text NOT NULL,
      capped boolean NOT NULL,
      status text NOT NULL,
      accrued_at timestamptz NOT NULL,
      reversed_at timestamptz,
      reversal_reason text,
      superseded_by_event_id text
    );
    CREATE INDEX ON ${t.finance_service_credits} (period, accrued_at, credit_id);
    CREATE INDEX ON ${t.finance_service_credits} (cost_center_id, period);
    CREATE TABLE ${t.finance_disputes} (
      dispute_id uuid PRIMARY KEY,
      statement_id text NOT NULL,
      line_id text NOT NULL,
      reason text NOT NULL,
      state text NOT NULL,
      opened_by text NOT NULL,
      opened_at timestamptz NOT NULL,
      reviewer text,
      outcome text,
      resolution text,
      resolved_by text,
      resolved_at timestamptz,
      revision integer NOT NULL
    );
    CREATE INDEX ON ${t.finance_disputes} (statement_id, opened_at, dispute_id);`,
  apply: async (tx, event, t) => {
    switch (event.type) {
      case 'CreditPolicyVersionPublished': {
        const data = event.data as CreditPolicyVersionPublishedV1;
        await tx.query(
          `INSERT INTO ${t.finance_credit_policies} (offering_id, version, effective_from, consumer_cost_center_id, tiers, cap_percent, monthly_fee, published_at, revision)
           VALUES ($1, $2, $3::date, $4, $5::jsonb, $6, $7::jsonb, $8, $9)
           ON CONFLICT (offering_id) DO UPDATE SET version = excluded.version, effective_from = excluded.effective_from, consumer_cost_center_id = excluded.consumer_cost_center_id,
             tiers = excluded.tiers, cap_percent = excluded.cap_percent, monthly_fee = excluded.monthly_fee, published_at = excluded.published_at, revision = excluded.revision
           WHERE ${t.finance_credit_policies}.revision < excluded.revision`,
          [data.offeringId, data.version, data.effectiveFrom, data.consumerCostCenterId, JSON.stringify(data.tiers), data.capPercentOfMonthlyFee, data.monthlyFee === null ? null : JSON.stringify(data.monthlyFee), data.publishedAt, event.streamRevision],
        );
        return;
      }
      case 'ServiceCreditAccrued': {
        const d = event.data as ServiceCreditAccruedV1;
        await tx.query(
          `INSERT INTO ${t.finance_service_credits} (credit_id, period, cost_center_id, service_id, offering_id, incident_id, incident_number, breach_event_id, priority, timer_kind,
             breached_at, policy_version, percent_of_monthly_fee, monthly_fee, amount, currency, capped, status, accrued_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'accrued', $18) ON CONFLICT (credit_id) DO NOTHING`,
          [d.creditId, d.period, d.consumerCostCenterId, d.serviceId, d.offeringId, d.incidentId, d.incidentNumber, d.breachEventId, d.priority, d.timerKind,
            d.breachedAt, d.policyVersion, d.percentOfMonthlyFee, d.monthlyFee.amount, d.amount.amount, d.amount.currency, d.capped, d.accruedAt],
        );
        return;
      }
      case 'ServiceCreditReversed': {
        const d = event.data as ServiceCreditReversedV1;
        await tx.query(
          `UPDATE ${t.finance_service_credits} SET status = 'reversed', reversed_at = $2, reversal_reason = $3, superseded_by_event_id = $4 WHERE credit_id = $1`,
          [d.creditId, d.reversedAt, d.reason, d.supersededByEventId],
        );
        return;
      }
      case 'DisputeOpened': {
        const d = event.data as DisputeOpenedV1;
        await tx.query(
          `INSERT INTO ${t.finance_disputes} (dispute_id, statement_id, line_id, reason, state, opened_by, opened_at, revision)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7) ON CONFLICT (dispute_id) DO NOTHING`,
          [financeEntityIdOf(event.streamId), d.statementId, d.lineId, d.reason, d.openedBy, d.openedAt, event.streamRevision],
        );
        return;
      }
      case 'DisputeReviewStarted': {
        const d = event.data as DisputeReviewStartedV1;
        await tx.query(`UPDATE ${t.finance_disputes} SET state = 'under-review', reviewer = $3, revision = $2 WHERE dispute_id = $1 AND revision < $2`, [
          financeEntityIdOf(event.streamId), event.streamRevision, d.reviewer,
        ]);
        return;
      }
      case 'DisputeResolved': {
        const d = event.data as DisputeResolvedV1;
        await tx.query(
          `UPDATE ${t.finance_disputes} SET state = 'resolved', outcome = $3, resolution = $4, resolved_by = $5, resolved_at = $6, revision = $2 WHERE dispute_id = $1 AND revision < $2`,
          [financeEntityIdOf(event.streamId), event.streamRevision, d.outcome, d.resolution, d.resolvedBy, d.resolvedAt],
        );
        return;
      }
      default:
        return;
    }
  },
});
