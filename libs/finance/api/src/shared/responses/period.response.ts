import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PeriodState, Statement } from '@itsm/finance-domain';
import { MoneyResponse } from './money.response';

export class PublishedStatementSummaryResponse {
  @ApiProperty({ example: '2026-03.0190f3a4-1111-7222-8333-944445555666' })
  statementId!: string;
  @ApiProperty({ format: 'uuid' })
  costCenterId!: string;
  @ApiProperty({ enum: ['showback', 'chargeback'] })
  mode!: string;
  @ApiProperty({ description: 'sha256 (hex) of the statement’s canonical JSON' })
  contentHash!: string;
}

export class PeriodAdjustmentResponse {
  @ApiProperty() adjustmentId!: string;
  @ApiProperty() correctsPeriod!: string;
  @ApiProperty() correctsStatementId!: string;
  @ApiProperty({ nullable: true, type: String }) correctsLineId!: string | null;
  @ApiProperty({ format: 'uuid' }) costCenterId!: string;
  @ApiProperty({ type: MoneyResponse }) amount!: MoneyResponse;
  @ApiProperty() reason!: string;
  @ApiProperty() postedAt!: string;
}

/** A period: its status, latest run, adjustments, and published statements' hashes. */
export class PeriodResponse {
  @ApiProperty({ example: '2026-03' }) id!: string;
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiProperty({ enum: ['open', 'run', 'published', 'closed'] }) status!: string;
  @ApiProperty({ description: 'An adjustment came after the latest run: run again before publishing' }) stale!: boolean;
  @ApiProperty({ nullable: true, type: Number }) runNumber!: number | null;
  @ApiProperty({ nullable: true, type: String }) runAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The log position the run read up to' }) logPosition!: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) balanced!: boolean | null;
  @ApiProperty({ nullable: true, type: MoneyResponse }) ledgerTotal!: MoneyResponse | null;
  @ApiProperty({ type: Object, nullable: true, description: 'What the run used: rule and rate-card revisions, exchange rates by day, ledger imports with line count and hash, usage batches, credit ids' })
  inputs!: unknown;
  @ApiProperty({ type: [PeriodAdjustmentResponse] }) adjustments!: PeriodAdjustmentResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ type: [PublishedStatementSummaryResponse] }) statements!: PublishedStatementSummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;

  static of(period: string, state: PeriodState): PeriodResponse {
    const run = state.latestRun;
    return {
      id: period,
      period,
      status: state.status,
      stale: state.stale,
      runNumber: run?.runNumber ?? null,
      runAt: run?.runAt ?? null,
      logPosition: run?.inputs.logPosition ?? null,
      balanced: run?.reconciliation.balanced ?? null,
      ledgerTotal: run?.reconciliation.ledger.total ?? null,
      inputs: run === null ? null : { ...run.inputs, labour: { entries: run.inputs.labour.length }, creditIds: run.inputs.credits.map((credit) => credit.creditId), credits: undefined },
      adjustments: state.adjustments.map(({ adjustmentId, correctsPeriod, correctsStatementId, correctsLineId, costCenterId, amount, reason, postedAt }) => ({ adjustmentId, correctsPeriod, correctsStatementId, correctsLineId, costCenterId, amount, reason, postedAt })),
      publishedAt: state.published?.publishedAt ?? null,
      statements: state.published?.statements ?? [],
      closedAt: state.closedAt,
    };
  }
}

export class StatementLineResponse {
  @ApiProperty() lineId!: string;
  @ApiProperty({ enum: ['ledger', 'pool', 'service', 'credit', 'adjustment', 'rounding'] }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: MoneyResponse, description: 'In the reporting currency' }) reportingAmount!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'In the cost center’s currency' }) amount!: MoneyResponse;
  @ApiProperty() postedOn!: string;
}

/** A published statement with its lines, both currencies and its content hash. */
export class StatementResponse {
  @ApiProperty() id!: string;
  @ApiProperty() statementId!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ format: 'uuid' }) costCenterId!: string;
  @ApiProperty() costCenterCode!: string;
  @ApiProperty({ enum: ['showback', 'chargeback'] }) mode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() reportingCurrency!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: MoneyResponse }) total!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse }) reportingTotal!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, nullable: true }) amountDue!: MoneyResponse | null;
  @ApiProperty({ type: [StatementLineResponse] }) lines!: StatementLineResponse[];

  static of(statement: Statement): StatementResponse {
    return { id: statement.statementId, ...statement } as StatementResponse;
  }
}

export class StatementPageResponse {
  @ApiProperty({ type: [StatementResponse] }) items!: StatementResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
