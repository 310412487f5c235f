import { ApiProperty } from '@nestjs/swagger';
import { WEEKDAYS, type Weekday } from '@itsm/contracts';

export class WeeklyHoursResponse {
  @ApiProperty({ enum: WEEKDAYS }) day!: Weekday;
  @ApiProperty({ example: '09:00' }) from!: string;
  @ApiProperty({ example: '17:00' }) to!: string;
}

export class CalendarResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CAL0000001',
    description: 'Null for a calendar created before calendars were numbered (it keeps none)',
  })
  number!: string | null;
  @ApiProperty({ example: 'Office hours Berlin' }) name!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ type: [WeeklyHoursResponse] }) weeklyHours!: WeeklyHoursResponse[];
  @ApiProperty({ type: [String], example: ['2026-12-25'] }) holidays!: string[];
  @ApiProperty({ description: 'Stream revision, also sent as ETag' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CalendarPageResponse {
  @ApiProperty({ type: [CalendarResponse] }) items!: CalendarResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
