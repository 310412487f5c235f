import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiCreatedResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  IllegalTransition,
  RuleViolation,
  streamName,
  type Actor,
  type EventMetadata,
  type ExpectedRevision,
} from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { EVENT_STORE } from '../../event-store/event-store.token';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { withETag } from '../concurrency/etag';
import { IfMatch } from '../concurrency/if-match';
import { ApiProblemResponses } from '../problems/problem.openapi';
import { CorrelationId, RequestMetadata } from '../request-context/request-metadata';
import { AcceptsStreamedBody } from '../request-context/streamed-body';

class ProbeLabel {
  @ApiProperty({ maxLength: 20 })
  @IsString()
  @MaxLength(20)
  key!: string;
}

export class CreateProbeRequest {
  @ApiProperty({ maxLength: 50 })
  @IsString()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  size!: number;

  @ApiPropertyOptional({ type: [ProbeLabel] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProbeLabel)
  labels?: ProbeLabel[];
}

export class RenameProbeRequest {
  @ApiProperty({ maxLength: 50 })
  @IsString()
  @MaxLength(50)
  name!: string;
}

export class RefuseRequest {
  @IsIn(['illegal-transition', 'rule-violation'])
  kind!: string;
}

export const SLOW_CREATE_MS = 2_500;

/**
 * A tiny resource that exercises every gateway convention against a real event store, for the specs only:
 * each probe is a stream; its revision is the ETag.
 */
@ApiTags('probes')
@Controller('api/v1/probes')
export class ProbeController {
  /** Executions of `create`, to prove an idempotent replay does not run it again. */
  executions = 0;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Reads a CSV body as a stream and counts its lines (a streamed-body route). */
  @Post('csv')
  @HttpCode(200)
  @Roles('service-owner', 'admin')
  @AcceptsStreamedBody('text/csv')
  async countCsvLines(@Req() request: Request) {
    this.executions += 1;
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return { lines: text.split('\n').filter((line) => line.length > 0).length, execution: this.executions };
  }

  @Post()
  @Roles('service-owner', 'admin')
  @ApiCreatedResponse({ description: 'Created' })
  @ApiProblemResponses(400, 409, 422)
  async create(@Body() request: CreateProbeRequest, @RequestMetadata() metadata: EventMetadata) {
    this.executions += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const id = streamName('probe');
    const result = await this.store.appendToStream(id, [{ type: 'ProbeCreated', data: request, metadata }], {
      expectedRevision: 'no-stream',
    });
    return withETag({ id, ...request, metadata, execution: this.executions }, result.nextExpectedRevision);
  }

  /** `create` that takes longer than a short idempotency lease, so the lease must be renewed while it runs. */
  @Post('slow')
  @Roles('service-owner', 'admin')
  async createSlowly(@Body() request: CreateProbeRequest, @RequestMetadata() metadata: EventMetadata) {
    await new Promise((resolve) => setTimeout(resolve, SLOW_CREATE_MS));
    return this.create(request, metadata);
  }

  @Get('whoami')
  whoami(@CurrentActor() actor: Actor, @CorrelationId() correlationId: string) {
    return { actor, correlationId };
  }

  @Get('open')
  @Public()
  open() {
    return { open: true };
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection string postgres://secret@db leaked');
  }

  @Post('refusals')
  @HttpCode(200)
  refuse(@Body() request: RefuseRequest): never {
    if (request.kind === 'illegal-transition') throw new IllegalTransition('A retired probe cannot be retired again');
    throw new RuleViolation('A probe cannot depend on itself');
  }

  @Get(':id')
  async read(@Param('id') id: string) {
    const events = await this.store.readStream(id);
    const last = events.at(-1);
    return withETag({ id, name: (last?.data as { name?: string } | undefined)?.name }, last?.streamRevision ?? -1);
  }

  @Patch(':id')
  @Roles('service-owner')
  @ApiProblemResponses(400, 404, 409, 412)
  async rename(
    @Param('id') id: string,
    @IfMatch() expected: ExpectedRevision | undefined,
    @Body() request: RenameProbeRequest,
    @RequestMetadata() metadata: EventMetadata,
  ) {
    // Without If-Match the write expects the revision it read: a concurrent writer in between makes it 409.
    const current = (await this.store.readStream(id)).length - 1;
    const result = await this.store.appendToStream(id, [{ type: 'ProbeRenamed', data: request, metadata }], {
      expectedRevision: expected ?? current,
    });
    return withETag({ id, name: request.name }, result.nextExpectedRevision);
  }

  /** A write that lost a race: it expects the stream not to exist yet, so the real store refuses it. */
  @Patch(':id/lost-race')
  @Roles('service-owner')
  async loseRace(@Param('id') id: string, @RequestMetadata() metadata: EventMetadata) {
    await this.store.appendToStream(id, [{ type: 'ProbeRenamed', data: {}, metadata }], { expectedRevision: 'no-stream' });
  }

  @Patch(':id/required')
  @Roles('service-owner')
  renameWithRequiredIfMatch(@IfMatch({ required: true }) expected: ExpectedRevision) {
    return { expected };
  }
}
