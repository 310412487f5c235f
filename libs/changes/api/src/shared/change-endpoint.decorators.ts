import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblemResponses, Roles, type Role } from '@itsm/platform-kit';

/** Who reads the schedule, conflicts and freeze windows: everyone who works changes, or audits them. */
export const CHANGE_READERS: readonly Role[] = ['agent', 'change-manager', 'cab-member', 'service-owner', 'auditor', 'admin'];

/** Who declares and lifts freeze windows. */
export const FREEZE_MANAGERS: readonly Role[] = ['change-manager', 'admin'];

const IDEMPOTENCY_KEY = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the same response; other body → 422' });
const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'ETag of the revision you read; the command is refused with 412 when the resource has moved on',
});

/** A read of the changes' read models. */
export const ChangeRead = (...problems: number[]) => applyDecorators(Roles(...CHANGE_READERS), ApiProblemResponses(400, ...problems));

/** A POST that creates a resource of its own (a freeze window): an Idempotency-Key, no If-Match (nothing to match yet). */
export const FreezeWindowCreate = (...problems: number[]) => applyDecorators(Roles(...FREEZE_MANAGERS), ApiProblemResponses(400, 409, 422, ...problems), IDEMPOTENCY_KEY);

/** A command on an existing freeze window: If-Match; refusals are 409. */
export const FreezeWindowCommand = (...problems: number[]) => applyDecorators(Roles(...FREEZE_MANAGERS), ApiProblemResponses(400, 404, 409, 412, ...problems), IF_MATCH);
