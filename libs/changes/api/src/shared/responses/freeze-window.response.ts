import { ApiProperty } from '@nestjs/swagger';
import type { DeclaredFreezeWindow } from '@itsm/changes-domain';

/** A freeze (blackout) window (DESIGN §7 `freeze`); its ETag is the stream revision. */
export class FreezeWindowResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Year-end freeze' })
  name!: string;

  @ApiProperty({ example: 'Financial closing' })
  reason!: string;

  @ApiProperty({ format: 'date-time', description: 'Start, inclusive' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End, exclusive' })
  to!: string;

  @ApiProperty({ type: [String], format: 'uuid', nullable: true, description: 'The services frozen; null: every service' })
  serviceIds!: string[] | null;

  @ApiProperty({ enum: ['declared', 'lifted'], description: 'A lifted window no longer freezes anything' })
  state!: 'declared' | 'lifted';

  @ApiProperty({ format: 'date-time' })
  declaredAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  liftedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  liftReason!: string | null;

  @ApiProperty({ description: 'Stream revision (the ETag)' })
  revision!: number;

  static of(window: DeclaredFreezeWindow, revision: number): FreezeWindowResponse {
    const { freezeWindowId, name, reason, from, to, serviceIds, status, declaredAt, lifted } = window;
    return {
      id: freezeWindowId,
      name,
      reason,
      from,
      to,
      serviceIds: serviceIds ? [...serviceIds] : null,
      state: status,
      declaredAt,
      liftedAt: lifted?.at ?? null,
      liftReason: lifted?.reason ?? null,
      revision,
    };
  }
}

export class FreezeWindowPageResponse {
  @ApiProperty({ type: [FreezeWindowResponse] })
  items!: FreezeWindowResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
