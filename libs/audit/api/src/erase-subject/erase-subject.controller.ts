import { Controller, HttpCode, Inject, Optional, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { assertSubjectId, eraseSubject, InvalidSubjectIdError, readModelsHoldingPersonalData } from '@itsm/audit-application';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { EventStore, PersonalDataVault } from '@itsm/event-store';
import { ApiProblemResponses, EVENT_STORE, PERSONAL_DATA_VAULT, PROJECTION_RUNTIME, ProblemException, ProblemType, RequestMetadata, Roles } from '@itsm/platform-kit';
import type { ProjectionRuntime, RebuildProgress } from '@itsm/projections';

export class SubjectErasureResponse {
  @ApiProperty({ description: 'The keyed hash (HMAC-SHA256, hex) the log knows the subject by; never the id itself' })
  subjectRef!: string;
  @ApiProperty({ description: 'Data keys deleted (0 when the subject had none, e.g. erased before)' })
  keysErased!: number;
  @ApiProperty({ description: 'The SubjectErased event that records the erasure' })
  eventId!: string;
  @ApiProperty()
  globalPosition!: number;
  @ApiProperty({ type: [String], description: 'Read models that held the plaintext, rebuilt now (progress: GET /api/v1/admin/projections/{name}/rebuild)' })
  readModels!: string[];
  @ApiProperty({ description: 'The rebuilds as they started; a read model rebuilding already is rebuilt again after it', type: 'array', items: { type: 'object' } })
  rebuilds!: RebuildProgress[];
}

/**
 * GDPR erasure of one data subject (the caller of incidents): its keys deleted, `SubjectErased` appended, and the
 * read models this process hosts that held its plaintext rebuilt in the background (with progress under
 * /admin/projections). In the distributed shape the projector rebuilds them (`itsm rebuild` or its own route).
 */
@ApiTags('admin')
@Controller('api/v1/admin/subjects')
export class EraseSubjectController {
  constructor(
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(PROJECTION_RUNTIME) private readonly runtime?: ProjectionRuntime,
  ) {}

  @Post(':id/erase')
  @Roles('admin')
  @HttpCode(202)
  @ApiProblemResponses(400)
  @ApiOperation({
    summary: 'Erase a data subject (crypto-shredding)',
    description:
      'Deletes the subject\'s data keys: every personal field written for it (caller identity, descriptions, notes, reasons) reads as "[erased]" on every ' +
      'route, read model and Kafka message published from now on. Appends SubjectErased (no personal data) and rebuilds the read models that held the ' +
      'plaintext. The log is not changed, so verification and every checkpoint still pass.',
  })
  @ApiOkResponse({ type: SubjectErasureResponse })
  async erase(@Param('id') id: string, @RequestMetadata() metadata: EventMetadata): Promise<SubjectErasureResponse> {
    try {
      assertSubjectId(id);
    } catch (error) {
      if (error instanceof InvalidSubjectIdError) throw new ProblemException({ status: 400, type: ProblemType.validation, detail: error.message });
      throw error;
    }
    const readModels = this.runtime ? readModelsHoldingPersonalData(this.runtime.projections) : [];
    const erasure = await eraseSubject(id, { vault: this.vault, store: this.store }, { metadata, readModels });
    const rebuilds = readModels.map((name) => this.rebuildSoon(name));
    return { ...erasure, rebuilds };
  }

  /** Starts the rebuild, or, when one runs already (it may have read the plaintext), queues another after it. */
  private rebuildSoon(name: string): RebuildProgress {
    const runtime = this.runtime as ProjectionRuntime;
    const running = runtime.rebuildProgress(name);
    if (running && running.finishedAt === null) {
      void waitForRebuild(runtime, name).then(() => runtime.rebuild(name), () => undefined);
      return running;
    }
    return runtime.rebuild(name).tracker.snapshot();
  }
}

const waitForRebuild = async (runtime: ProjectionRuntime, name: string): Promise<void> => {
  for (;;) {
    const progress = runtime.rebuildProgress(name);
    if (!progress || progress.finishedAt !== null) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
