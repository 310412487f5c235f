import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean } from 'class-validator';
import { IsName, IsText } from '@itsm/platform-kit';

export class AddChangeTemplateRequest {
  @ApiProperty({ example: 'Add a mail domain', maxLength: 200 })
  @IsName(200)
  name!: string;

  @ApiProperty({ type: [String], example: ['Add the MX record', 'Verify delivery'], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsText(1000, { each: true })
  steps!: string[];

  @ApiProperty({ description: 'Standard changes from a pre-approved template skip CAB approval' })
  @IsBoolean()
  preApproved!: boolean;
}
