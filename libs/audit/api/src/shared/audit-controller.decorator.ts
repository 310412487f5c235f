import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditErrorsInterceptor } from './audit-errors.interceptor';

/** The audit routes' prefix; the gateway would route its `audit` segment to the process that hosts them. */
export const AUDIT_ROUTE = 'api/v1/audit';

/** An audit controller under /api/v1/audit, with the audit errors translated to problems. */
export const AuditController = (path = '') =>
  applyDecorators(ApiTags('audit'), Controller(path ? `${AUDIT_ROUTE}/${path}` : AUDIT_ROUTE), UseInterceptors(AuditErrorsInterceptor));
