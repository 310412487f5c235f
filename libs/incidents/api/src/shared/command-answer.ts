import type { Response } from 'express';
import type { IncidentCommandResult } from '@itsm/incidents-application';
import type { ExpectedRevision } from '@itsm/event-sourcing';
import { announceWrite, type WithETag } from '@itsm/platform-kit';
import { IncidentResource } from './incident-resource';
import type { IncidentResponse } from './responses/incident.response';

/** If-Match as the command's expected revision (`*` only asks that the incident exists, which every command checks). */
export const commandOptionsOf = (
  ifMatch: ExpectedRevision | undefined,
): { expectedRevision?: number } =>
  typeof ifMatch === 'number' ? { expectedRevision: ifMatch } : {};

/** A command's HTTP answer: the incident after it with its ETag, and the log position of what it appended. */
export const answerCommand = (
  response: Response,
  result: IncidentCommandResult,
  location?: string,
): WithETag<IncidentResponse> => {
  announceWrite(response, result.events, location);
  return IncidentResource.answer(result);
};
