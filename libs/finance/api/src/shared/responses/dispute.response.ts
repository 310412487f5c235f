import { ApiProperty } from '@nestjs/swagger';
import type { DisputeRow } from '@itsm/finance-application';
import type { Dispute } from '@itsm/finance-domain';

/** A dispute of a statement line (ETag: its stream revision). */
export class DisputeResponse {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ description: 'The statement, an opaque id until statements check it' })
  statementId!: string;

  @ApiProperty({ description: 'The disputed line of the statement' })
  lineId!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ enum: ['open', 'under-review', 'resolved'] })
  state!: string;

  @ApiProperty()
  openedBy!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  reviewer!: string | null;

  @ApiProperty({ type: String, enum: ['accepted', 'rejected'], nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolution!: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolvedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;

  static of(dispute: Dispute): DisputeResponse {
    if (dispute.status === 'initial') throw new Error('A dispute that does not exist has no response');
    const resolved = dispute.status === 'resolved' ? dispute : null;
    return {
      disputeId: dispute.disputeId,
      statementId: dispute.statementId,
      lineId: dispute.lineId,
      reason: dispute.reason,
      state: dispute.status,
      openedBy: dispute.openedBy,
      openedAt: dispute.openedAt,
      reviewer: dispute.reviewer,
      outcome: resolved?.outcome ?? null,
      resolution: resolved?.resolution ?? null,
      resolvedBy: resolved?.resolvedBy ?? null,
      resolvedAt: resolved?.resolvedAt ?? null,
    };
  }

  static ofRow(row: DisputeRow): DisputeResponse {
    const { disputeId, statementId, lineId, reason, state, openedBy, openedAt, reviewer, outcome, resolution, resolvedBy, resolvedAt } = row;
    return { disputeId, statementId, lineId, reason, state, openedBy, openedAt, reviewer, outcome, resolution, resolvedBy, resolvedAt };
  }
}

export class DisputePageResponse {
  @ApiProperty({ type: [DisputeResponse] })
  items!: DisputeResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
