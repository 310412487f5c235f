import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsTimeZone, ValidateNested } from 'class-validator';
import { WeeklyHoursRequest } from '../create-calendar/create-calendar.request.dto';

/**
 * One weekly window: the same day and `HH:MM` checks as a calendar's weekly hours (`to` may be 24:00). Whether the
 * window crosses midnight (`to` before `from`) and whether windows overlap is the service decider's to say (409).
 */
export class MaintenanceWindowRequest extends WeeklyHoursRequest {}

/** PUT /services/:id/maintenance-windows: the whole set, replacing the previous one; no windows = none. */
export class SetMaintenanceWindowsRequest {
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone the windows are local to' })
  @IsTimeZone()
  timeZone!: string;

  @ApiProperty({
    type: [MaintenanceWindowRequest],
    example: [{ day: 'sat', from: '22:00', to: '06:00' }],
    description: 'Weekly windows; `to` before `from` ends on the next day; `24:00` is midnight. Overlapping windows are refused (409).',
  })
  @IsArray()
  @ArrayMaxSize(70)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MaintenanceWindowRequest)
  windows!: MaintenanceWindowRequest[];
}
