import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FinanceErrorsInterceptor } from './finance-errors.interceptor';

/** Everything finance serves is under this path; the gateway routes its `finance` segment to the finance process. */
export const FINANCE_ROUTE = 'api/v1/finance';

/** A finance controller under /api/v1/finance/<resource>. */
export const FinanceController = (resource: string) =>
  applyDecorators(ApiTags('finance'), Controller(`${FINANCE_ROUTE}/${resource}`), UseInterceptors(FinanceErrorsInterceptor));
