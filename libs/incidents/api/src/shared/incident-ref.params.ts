import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { INCIDENT_NUMBER_PATTERN } from '@itsm/contracts';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const INCIDENT_NUMBER = 'INC[0-9]{7,}';

/** `:id` of an incident where agents type what they see: its id, or its number (INC0000004). */
export class IncidentRefParams {
  @ApiProperty({
    description: 'The incident id (uuid) or its number (INC0000001)',
    pattern: `^(${UUID}|${INCIDENT_NUMBER})$`,
  })
  @Matches(new RegExp(`^(${UUID}|${INCIDENT_NUMBER})$`), {
    message: '$property must be an incident id (uuid) or number (INC0000001)',
  })
  id!: string;
}

export const isIncidentNumber = (ref: string): boolean => INCIDENT_NUMBER_PATTERN.test(ref);
