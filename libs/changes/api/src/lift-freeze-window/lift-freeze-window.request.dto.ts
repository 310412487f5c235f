import { ApiProperty } from '@nestjs/swagger';
import { FREEZE_WINDOW_REASON_MAX_LENGTH } from '@itsm/changes-domain';
import { IsText } from '@itsm/platform-kit';

export class LiftFreezeWindowRequest {
  @ApiProperty({ example: 'Closing finished early', maxLength: FREEZE_WINDOW_REASON_MAX_LENGTH })
  @IsText(FREEZE_WINDOW_REASON_MAX_LENGTH)
  reason!: string;
}
