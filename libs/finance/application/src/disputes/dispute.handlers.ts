import { Injectable } from '@nestjs/common';
import { newId, NO_STREAM_REVISION, type EventMetadata } from '@itsm/event-sourcing';
import type { Dispute } from '@itsm/finance-domain';
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

/**
 * Opens a dispute of a statement line on a new stream. The statement and its line are opaque ids for now: the
 * statements are built elsewhere, and checking that the line exists is wired when they are.
 */
@Injectable()
export class OpenDisputeHandler {
  constructor(private readonly streams: DisputeStreams) {}

  execute(input: OpenDisputeInput, metadata: EventMetadata): Promise<FinanceCommandResult<Dispute>> {
    const disputeId = newId();
    const { statementId, lineId, reason } = input;
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
