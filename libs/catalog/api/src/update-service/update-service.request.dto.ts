import { PartialType } from '@nestjs/swagger';
import { RegisterServiceRequest } from '../register-service/register-service.request.dto';

/** Any of the service’s own fields (criticality too); the others stay as they are. null is not "leave as is": it is refused (400). */
export class UpdateServiceRequest extends PartialType(RegisterServiceRequest, { skipNullProperties: false }) {}
