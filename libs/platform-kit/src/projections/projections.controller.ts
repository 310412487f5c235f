import { Controller, Get, HttpCode, Inject, NotFoundException, ConflictException, Param, Post } from '@nestjs/common';
import { RebuildAlreadyRunningError, UnknownProjectionError, type ProjectionRuntime, type RebuildProgress } from '@itsm/projections';
import { Roles } from '../http/auth/auth.decorators';
import { PROJECTION_RUNTIME } from './projection-runtime.token';

/** Status of the hosted projections, and their rebuilds with progress (events done, total, events/s, ETA). */
@Controller('admin/projections')
export class ProjectionsController {
  constructor(@Inject(PROJECTION_RUNTIME) private readonly runtime: ProjectionRuntime) {}

  @Get()
  @Roles('admin', 'auditor')
  list() {
    return this.runtime.status();
  }

  @Get(':name/rebuild')
  @Roles('admin', 'auditor')
  progress(@Param('name') name: string): RebuildProgress {
    const progress = this.guard(() => this.runtime.rebuildProgress(name));
    if (!progress) throw new NotFoundException(`Projection "${name}" has not been rebuilt since this process started`);
    return progress;
  }

  /** Starts a rebuild and answers at once; the old tables serve reads until the swap. */
  @Post(':name/rebuild')
  @Roles('admin')
  @HttpCode(202)
  rebuild(@Param('name') name: string): RebuildProgress {
    return this.guard(() => this.runtime.rebuild(name).tracker.snapshot());
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new NotFoundException(error.message);
      if (error instanceof RebuildAlreadyRunningError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
