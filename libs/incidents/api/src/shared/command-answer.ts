import type { Response } from 'express';
import type { IncidentCommandResult } from '@itsm/incidents-application';
import { announceWrite, ifMatchCondition, type WithETag } from '@itsm/platform-kit';
import { IncidentResource } from './incident-resource';
import type { IncidentResponse } from './responses/incident.response';

/** If-Match as the command's expected revision, by the rule every context shares (`*`: the incident exists). */
export const commandOptionsOf = ifMatchCondition;

/** A command's HTTP answer: the incident after it with its ETag, and the log position of what it appended. */
export const answerCommand = (
  response: Response,
  result: IncidentCommandResult,
  location?: string,
): WithETag<IncidentResponse> => {
  announceWrite(response, result.events, location);
  return IncidentResource.answer(result);
};
