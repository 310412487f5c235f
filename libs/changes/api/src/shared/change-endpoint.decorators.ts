import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponses, Roles, type Role } from '@itsm/platform-kit';
import { ChangeResponse } from './change.response';

/** Who reads the schedule, conflicts and freeze windows: everyone who works changes, or audits them. */
export const CHANGE_READERS: readonly Role[] = ['agent', 'change-manager', 'cab-member', 'service-owner', 'auditor', 'admin'];

/** Who reads changes, their list and history: the readers, and requesters (their own changes only). */
export const CHANGE_VIEWERS: readonly Role[] = ['requester', ...CHANGE_READERS];

/** Who raises, edits, retypes, submits and cancels changes (a requester only their own). */
export const CHANGE_EDITORS: readonly Role[] = ['requester', 'agent', 'change-manager', 'admin'];

/** Who assesses a change's risk. */
export const RISK_ASSESSORS: readonly Role[] = ['change-manager', 'admin'];

/** Who approves or rejects (the decider also refuses the requester and the implementer of the change). */
export const CHANGE_APPROVERS: readonly Role[] = ['cab-member', 'change-manager'];

/** Who starts and completes the implementation. */
export const CHANGE_IMPLEMENTERS: readonly Role[] = ['agent', 'change-manager', 'admin'];

/** Who records the post-implementation review. */
export const CHANGE_REVIEWERS: readonly Role[] = ['change-manager', 'agent', 'admin'];

/** Who closes changes. */
export const CHANGE_CLOSERS: readonly Role[] = ['change-manager', 'admin'];

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

/** A read of changes themselves (a requester sees their own). */
export const ChangeView = (...problems: number[]) => applyDecorators(Roles(...CHANGE_VIEWERS), ApiProblemResponses(400, ...problems));

/** A command on an existing change: If-Match; refusals of the decider are 409. */
export const ChangeCommand = (roles: readonly Role[], ...problems: number[]) => applyDecorators(Roles(...roles), ApiProblemResponses(400, 404, 409, 412, ...problems), IF_MATCH);

/** `POST /changes/:id/<action>`: answers 200 with the change after the command; takes If-Match and an Idempotency-Key. */
export const ChangeCommandEndpoint = (action: string, roles: readonly Role[], summary: string, description?: string) =>
  applyDecorators(
    Post(`:id/${action}`),
    HttpCode(200),
    ChangeCommand(roles, 422),
    IDEMPOTENCY_KEY,
    ApiOperation({ summary, description }),
    ApiOkResponse({ type: ChangeResponse }),
  );

/** A POST that creates a resource of its own (a freeze window): an Idempotency-Key, no If-Match (nothing to match yet). */
export const FreezeWindowCreate = (...problems: number[]) => applyDecorators(Roles(...FREEZE_MANAGERS), ApiProblemResponses(400, 409, 422, ...problems), IDEMPOTENCY_KEY);

/** A command on an existing freeze window: If-Match; refusals are 409. */
export const FreezeWindowCommand = (...problems: number[]) => applyDecorators(Roles(...FREEZE_MANAGERS), ApiProblemResponses(400, 404, 409, 412, ...problems), IF_MATCH);
