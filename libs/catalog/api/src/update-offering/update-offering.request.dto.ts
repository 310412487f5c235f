import { PartialType } from '@nestjs/swagger';
import { AddOfferingRequest } from '../add-offering/add-offering.request.dto';

/** Any of the offering's fields; the others stay as they are. null is not "leave as is": it is refused (400). */
export class UpdateOfferingRequest extends PartialType(AddOfferingRequest, { skipNullProperties: false }) {}
