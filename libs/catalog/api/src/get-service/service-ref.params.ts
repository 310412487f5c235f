import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const SERVICE_REF = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|SVC[0-9]{7,})$/;

/** `:id` of GET /services/:id, as people type it: the service id, or its number (SVC0000001). */
export class ServiceRefParams {
  @ApiProperty({ description: 'The service id (uuid) or its number (SVC0000001)', pattern: SERVICE_REF.source })
  @Matches(SERVICE_REF, { message: '$property must be a service id (uuid) or number (SVC0000001)' })
  id!: string;
}
