import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { IncidentWork } from './incident-endpoint.decorators';
import { IncidentResponse } from './responses/incident.response';

/** `POST /incidents/:id/<action>`: agents and admins, answers 200 with the incident after the command. */
export const IncidentCommandEndpoint = (
  action: string,
  summary: string,
  description?: string,
) =>
  applyDecorators(
    Post(`:id/${action}`),
    HttpCode(200),
    IncidentWork(),
    ApiOperation({ summary, description }),
    ApiOkResponse({ type: IncidentResponse }),
  );
