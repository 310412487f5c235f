import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CHANGE_NUMBER_PATTERN } from '@itsm/contracts';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const CHANGE_NUMBER = 'CHG[0-9]{7,}';

/** `:id` of a change where people type what they see: its id, or its number (CHG0000004). */
export class ChangeRefParams {
  @ApiProperty({ description: 'The change id (uuid) or its number (CHG0000001)', pattern: `^(${UUID}|${CHANGE_NUMBER})$` })
  @Matches(new RegExp(`^(${UUID}|${CHANGE_NUMBER})$`), { message: '$property must be a change id (uuid) or number (CHG0000001)' })
  id!: string;
}

export const isChangeNumber = (ref: string): boolean => CHANGE_NUMBER_PATTERN.test(ref);
