import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** The collection's path under the gateway's prefix; the gateway routes its first segment to the changes process. */
export const CHANGE_ROUTE = 'api/v1/changes';

/** A changes controller under /api/v1/changes. */
export const ChangeController = () => applyDecorators(ApiTags('changes'), Controller(CHANGE_ROUTE));
