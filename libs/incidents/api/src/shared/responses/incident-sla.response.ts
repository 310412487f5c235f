import { ApiProperty } from '@nestjs/swagger';
import {
  SLA_TIMER_KINDS,
  SLA_TIMER_STATES,
  type SlaTimerKind,
} from '@itsm/contracts';

/** One SLA timer as it stands now (DESIGN §7 `sla view`). */
export class SlaTimerResponse {
  @ApiProperty({ enum: SLA_TIMER_KINDS }) kind!: SlaTimerKind;
  @ApiProperty({ enum: SLA_TIMER_STATES }) state!: string;
  @ApiProperty() targetMinutes!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ description: 'Business minutes counted, rounded down' })
  elapsedMinutes!: number;
  @ApiProperty({
    description: 'Business minutes that passed while the timer stood (on hold)',
  })
  pausedMinutes!: number;
  @ApiProperty({
    description: 'targetMinutes − elapsedMinutes; negative when overdue',
  })
  remainingMinutes!: number;
}

export class IncidentSlaResponse {
  @ApiProperty({ type: [SlaTimerResponse] }) timers!: SlaTimerResponse[];
}
