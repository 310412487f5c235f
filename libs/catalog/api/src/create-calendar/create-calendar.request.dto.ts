import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, IsTimeZone, Matches, ValidateNested } from 'class-validator';
import { WEEKDAYS, type Weekday } from '@itsm/contracts';
import { IsName } from '@itsm/platform-kit';

/** The times the calendar's rules accept (real regular expressions: OpenAPI clients check `pattern` too). */
const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class WeeklyHoursRequest {
  @ApiProperty({ enum: WEEKDAYS })
  @IsIn(WEEKDAYS)
  day!: Weekday;

  @ApiProperty({ example: '09:00', pattern: START_TIME.source, description: 'Local time HH:MM' })
  @IsString()
  @Matches(START_TIME, { message: 'from must be a local time HH:MM (00:00–23:59)' })
  from!: string;

  @ApiProperty({ example: '17:00', pattern: END_TIME.source, description: 'Local time HH:MM; 24:00 for midnight' })
  @IsString()
  @Matches(END_TIME, { message: 'to must be a local time HH:MM (24:00 for midnight)' })
  to!: string;
}

export class CreateCalendarRequest {
  @ApiProperty({ example: 'Office hours Berlin', maxLength: 200 })
  @IsName(200)
  name!: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone' })
  @IsTimeZone()
  timeZone!: string;

  @ApiProperty({ type: [WeeklyHoursRequest] })
  @IsArray()
  @ArrayMaxSize(70)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => WeeklyHoursRequest)
  weeklyHours!: WeeklyHoursRequest[];

  @ApiProperty({ type: [String], example: ['2026-12-25'], description: 'Local dates without support, YYYY-MM-DD', items: { type: 'string', pattern: LOCAL_DATE.source } })
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(LOCAL_DATE, { each: true, message: 'each holiday must be a date YYYY-MM-DD' })
  holidays!: string[];
}
