import { Inject, Injectable } from '@nestjs/common';
import { costCenterStreamId } from '@itsm/contracts';
import { decisionOf, newId, NO_STREAM_REVISION, type Clock, type EventMetadata, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import { costCenterDecider, type OpenedCostCenter } from '@itsm/finance-domain';
import { WRITE_PIPELINE } from '@itsm/platform-kit';
import { FINANCE_CLOCK } from '../nest/finance-application.tokens';

export interface OpenCostCenterInput {
  code: string;
  name: string;
  currency: string;
  parentId?: string | null;
}

export interface OpenCostCenterResult {
  id: string;
  costCenter: OpenedCostCenter;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  events: RecordedEvent[];
}

/**
 * Opens a cost center on a new stream (`cost-center-<uuid>`); the decider checks the code, name, currency and that
 * it is not its own parent. Not yet checked here: that the code is unique and the parent exists (the full finance
 * API adds them, against the cost center read model).
 */
@Injectable()
export class OpenCostCenterHandler {
  constructor(
    @Inject(WRITE_PIPELINE) private readonly pipeline: WritePipeline,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: OpenCostCenterInput, metadata: EventMetadata): Promise<OpenCostCenterResult> {
    const costCenterId = newId();
    const now = this.clock.now();
    const command = { type: 'OpenCostCenter', data: { costCenterId, code: input.code, name: input.name, currency: input.currency, parentId: input.parentId ?? null }, metadata: { now, actor: metadata.actor } } as const;
    // A new id names a new stream: expecting no stream turns a (theoretical) id clash into a conflict, not a merge.
    const executed = await this.pipeline.execute(costCenterStreamId(costCenterId), decisionOf(costCenterDecider, command), {
      metadata,
      expectedRevision: NO_STREAM_REVISION,
      occurredAt: now,
    });
    return { id: costCenterId, costCenter: executed.state as OpenedCostCenter, revision: executed.revision, events: executed.events };
  }
}
