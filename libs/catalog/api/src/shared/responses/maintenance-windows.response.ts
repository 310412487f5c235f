import { ApiProperty } from '@nestjs/swagger';
import { WEEKDAYS, type MaintenanceWindow, type MaintenanceWindowSet, type Weekday } from '@itsm/contracts';

export class MaintenanceWindowResponse implements MaintenanceWindow {
  @ApiProperty({ enum: WEEKDAYS }) day!: Weekday;
  @ApiProperty({ example: '22:00', description: 'Local time HH:MM' }) from!: string;
  @ApiProperty({ example: '06:00', description: 'Local time HH:MM; before `from`: on the next day; 24:00 = midnight' }) to!: string;
}

/** The windows as the service resource shows them. */
export class MaintenanceWindowSetResponse implements MaintenanceWindowSet {
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone of the windows' }) timeZone!: string;
  @ApiProperty({ type: [MaintenanceWindowResponse], description: 'Sorted by their start in the week; empty = none' }) windows!: MaintenanceWindowResponse[];
}

/** GET/PUT /services/:id/maintenance-windows: never set = no zone and no windows. */
export class ServiceMaintenanceWindowsResponse {
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Berlin', description: 'Null until windows were set' }) timeZone!: string | null;
  @ApiProperty({ type: [MaintenanceWindowResponse], description: 'Sorted by their start in the week; empty = none' }) windows!: MaintenanceWindowResponse[];
}
