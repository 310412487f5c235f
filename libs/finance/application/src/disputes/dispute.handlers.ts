import { Injectable } from '@nestjs/common';
import { newId, NO_STREAM_REVISION, type EventMetadata } from '@itsm/event-sourcing';
import type { Dispute } from '@itsm/finance-domain';
import { PeriodStreams } from '../periods/period-streams';
import { findPublishedStatement } from '../periods/published-statement';
import { DisputeStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

export interface OpenDisputeInput {
  statementId: string;
  lineId: string;
  reason: string;
}

export interface ResolveDisputeInput {
  outcome: string;
  resolution: string;
}

/** Opens a dispute of a line of a published statement on a new stream (an unknown statement 404, an unknown line 409). */
@Injectable()
export class OpenDisputeHandler {
  constructor(
    private readonly streams: DisputeStreams,
    private readonly periods: PeriodStreams,
  ) {}

  async execute(input: OpenDisputeInput, metadata: EventMetadata): Promise<FinanceCommandResult<Dispute>> {
    const disputeId = newId();
    const { statementId, lineId, reason } = input;
    await findPublishedStatement(this.periods, statementId, lineId);
    return this.streams.execute(disputeId, { type: 'OpenDispute', data: { disputeId, statementId, lineId, reason } }, metadata, { expectedRevision: NO_STREAM_REVISION });
  }
}

/** Open → under review (again: nothing). */
@Injectable()
export class StartDisputeReviewHandler {
  constructor(private readonly streams: DisputeStreams) {}

  execute(disputeId: string, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<Dispute>> {
    return this.streams.execute(disputeId, { type: 'StartDisputeReview', data: {} }, metadata, options);
  }
}

/** Under review → resolved, accepted or rejected. */
@Injectable()
export class ResolveDisputeHandler {
  constructor(private readonly streams: DisputeStreams) {}

  execute(disputeId: string, input: ResolveDisputeInput, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<Dispute>> {
    return this.streams.execute(disputeId, { type: 'ResolveDispute', data: { outcome: input.outcome, resolution: input.resolution } }, metadata, options);
  }
}

/** `GET /disputes/:id`: the dispute folded from its stream, with its revision (ETag). */
@Injectable()
export class DisputeQuery {
  constructor(private readonly streams: DisputeStreams) {}

  get(disputeId: string): Promise<{ revision: number; state: Dispute }> {
    return this.streams.load(disputeId);
  }
}
