import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblemResponses, Roles, type Role } from '@itsm/platform-kit';

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description:
    'ETag of the revision you read; the command is refused with 412 when the incident has moved on',
});

/** Who works incidents unless a use case says otherwise. */
export const INCIDENT_WORKERS: readonly Role[] = ['agent', 'admin'];

/** Working an incident: agents and admins (or `roles`); refusals of the lifecycle are 409 with the decider's reason. */
export const IncidentWork = (roles: readonly Role[] = INCIDENT_WORKERS, ...problems: number[]) =>
  applyDecorators(
    Roles(...roles),
    ApiProblemResponses(400, 404, 409, 412, ...problems),
    IF_MATCH,
  );

/** Opening: requesters (for themselves or on their behalf), agents and admins; takes an Idempotency-Key. */
export const IncidentOpen = () =>
  applyDecorators(
    Roles('requester', 'agent', 'admin'),
    ApiProblemResponses(400, 409, 422),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Same key and body → the same response; other body → 422',
    }),
  );

/** Reading: requesters (their own incidents only; another's is a 404), agents, auditors, admins. */
export const IncidentRead = (...problems: number[]) =>
  applyDecorators(
    Roles('requester', 'agent', 'incident-manager', 'auditor', 'admin'),
    ApiProblemResponses(400, ...problems),
  );
