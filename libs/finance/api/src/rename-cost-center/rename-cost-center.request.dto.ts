import { ApiProperty } from '@nestjs/swagger';
import { NAME_MAX_LENGTH } from '@itsm/finance-domain';
import { IsName } from '@itsm/platform-kit';

/** PATCH body of a cost center: its name is what changes in place (a move and a close are commands of their own). */
export class RenameCostCenterRequest {
  @ApiProperty({ example: 'IT operations', maxLength: NAME_MAX_LENGTH })
  @IsName(NAME_MAX_LENGTH)
  name!: string;
}
