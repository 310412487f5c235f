import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblemResponses, ApiWaitForPosition, Roles, type Role } from '@itsm/platform-kit';

/** Who changes finance data. */
export const FINANCE_WRITERS: readonly Role[] = ['finance', 'admin'];
/** Who reads it: finance, admins and auditors. */
export const FINANCE_READERS: readonly Role[] = ['finance', 'admin', 'auditor'];

const IDEMPOTENCY_KEY = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the same response; other body → 422' });
const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'ETag of the revision you read; the command is refused with 412 when the resource has moved on',
});

/** A read of one resource (folded from its stream: ETag = revision). */
export const FinanceRead = (...problems: number[]) => applyDecorators(Roles(...FINANCE_READERS), ApiProblemResponses(400, ...problems));

/** A list served from a read model (read-your-writes with X-Wait-For-Position). */
export const FinanceList = (...problems: number[]) => applyDecorators(Roles(...FINANCE_READERS), ApiProblemResponses(400, ...problems), ApiWaitForPosition());

/** A POST that creates a resource of its own: an Idempotency-Key, no If-Match (nothing to match yet). */
export const FinanceCreate = (...problems: number[]) => applyDecorators(Roles(...FINANCE_WRITERS), ApiProblemResponses(400, 409, 422, ...problems), IDEMPOTENCY_KEY);

/** A command on an existing resource: If-Match; refusals are 409, an unknown id 404. */
export const FinanceCommand = (...problems: number[]) =>
  applyDecorators(Roles(...FINANCE_WRITERS), ApiProblemResponses(400, 404, 409, 412, 422, ...problems), IF_MATCH, IDEMPOTENCY_KEY);
