import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Role } from '@itsm/platform-kit';
import { IncidentWork, INCIDENT_WORKERS } from './incident-endpoint.decorators';
import { IncidentResponse } from './responses/incident.response';

/** `POST /incidents/:id/<action>`: agents and admins (or `roles`), answers 200 with the incident after the command. */
export const IncidentCommandEndpoint = (
  action: string,
  summary: string,
  description?: string,
  roles: readonly Role[] = INCIDENT_WORKERS,
) =>
  applyDecorators(
    Post(`:id/${action}`),
    HttpCode(200),
    IncidentWork(roles),
    ApiOperation({ summary, description }),
    ApiOkResponse({ type: IncidentResponse }),
  );
