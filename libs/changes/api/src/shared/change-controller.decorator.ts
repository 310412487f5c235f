import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChangesErrorsInterceptor } from './changes-errors.interceptor';

/** The collection's path under the gateway's prefix; the gateway routes its first segment to the changes process. */
export const CHANGE_ROUTE = 'api/v1/changes';

/** The freeze windows' path: also served by the changes process (the gateway routes `freeze-windows` there). */
export const FREEZE_WINDOW_ROUTE = 'api/v1/freeze-windows';

/** A changes controller under /api/v1/changes. */
export const ChangeController = () => applyDecorators(ApiTags('changes'), Controller(CHANGE_ROUTE), UseInterceptors(ChangesErrorsInterceptor));

/** A freeze-windows controller under /api/v1/freeze-windows. */
export const FreezeWindowController = () =>
  applyDecorators(ApiTags('freeze-windows'), Controller(FREEZE_WINDOW_ROUTE), UseInterceptors(ChangesErrorsInterceptor));
