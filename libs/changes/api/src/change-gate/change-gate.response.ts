import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_STATES, CHANGE_TYPES, type ChangeStateName, type ChangeType } from '@itsm/contracts';
import { GATE_VERDICTS, type GateVerdict } from '@itsm/changes-domain';
import { ChangeConflictResponse } from '../shared/responses/change-conflict.response';

/** Whether a pipeline may deploy the change now, and why. */
export class ChangeGateResponse {
  @ApiProperty({ format: 'uuid' })
  changeId!: string;

  @ApiProperty({ example: 'CHG0000001' })
  number!: string;

  @ApiProperty({ enum: CHANGE_TYPES })
  type!: ChangeType;

  @ApiProperty({ enum: CHANGE_STATES })
  state!: ChangeStateName;

  @ApiProperty({ format: 'date-time' })
  plannedStart!: string;

  @ApiProperty({ format: 'date-time' })
  plannedEnd!: string;

  @ApiProperty({
    enum: GATE_VERDICTS,
    description:
      'awaiting: not yet authorized and scheduled, or its window has not opened; allowed: scheduled or implementing, inside its window, nothing blocking; ' +
      'prevented: canceled, rejected, already implemented, window over, or a blocking conflict (a freeze, an active major incident…)',
  })
  verdict!: GateVerdict;

  @ApiProperty({ example: 'CHG0000001 may be deployed until 2026-03-10T22:00:00.000Z' })
  reason!: string;

  @ApiProperty({ type: [ChangeConflictResponse], description: 'The conflicts that block a change of its type' })
  blockingConflicts!: ChangeConflictResponse[];

  @ApiProperty({ type: [ChangeConflictResponse], description: 'Every conflict of its window as of now' })
  conflicts!: ChangeConflictResponse[];

  @ApiProperty({ format: 'date-time', description: 'The instant the gate was decided at' })
  checkedAt!: string;
}
