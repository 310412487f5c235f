import { Module, type DynamicModule } from '@nestjs/common';
import { AuditApplicationModule, type AuditApplicationOptions } from '@itsm/audit-application';
import { EraseSubjectController } from './erase-subject/erase-subject.controller';
import { ControlChecksController } from './control-checks/control-checks.controller';
import { ConsistencyProofController } from './consistency-proof/consistency-proof.controller';
import { GetCheckpointController } from './get-checkpoint/get-checkpoint.controller';
import { InclusionProofController } from './inclusion-proof/inclusion-proof.controller';
import { LatestVerificationController } from './latest-verification/latest-verification.controller';
import { ListCheckpointsController } from './list-checkpoints/list-checkpoints.controller';
import { RecordTimelineController } from './record-timeline/record-timeline.controller';
import { SearchEventsController } from './search-events/search-events.controller';

/** One controller per route (`src/<route>/`). */
export const AUDIT_CONTROLLERS = [
  SearchEventsController,
  RecordTimelineController,
  LatestVerificationController,
  ListCheckpointsController,
  GetCheckpointController,
  InclusionProofController,
  ConsistencyProofController,
  EraseSubjectController,
  ControlChecksController,
];

/**
 * The auditors' routes under /api/v1/audit (event search, the latest verification, checkpoints and proofs) and the
 * admins' erasure of a data subject (POST /api/v1/admin/subjects/:id/erase), over
 * AuditApplicationModule, which also runs the checkpointer and the background verification. Needs the global
 * EventStoreModule, GatewayModule and HealthModule.
 */
@Module({})
export class AuditModule {
  static forRoot(options: AuditApplicationOptions = {}): DynamicModule {
    return {
      module: AuditModule,
      imports: [AuditApplicationModule.forRoot(options)],
      controllers: AUDIT_CONTROLLERS,
      exports: [AuditApplicationModule],
    };
  }
}
