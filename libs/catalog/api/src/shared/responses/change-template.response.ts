import { ApiProperty } from '@nestjs/swagger';

export class ChangeTemplateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', deprecated: true, description: 'Deprecated: the same as `id`' }) templateId!: string;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty({ example: 'Add a mail domain' }) name!: string;
  @ApiProperty({ type: [String] }) steps!: string[];
  @ApiProperty() preApproved!: boolean;
}

export class ChangeTemplateListResponse {
  @ApiProperty({ type: [ChangeTemplateResponse] }) items!: ChangeTemplateResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every template of the service is listed' }) nextCursor!: string | null;
}
