import type { Upcaster } from '../upcasting/upcaster';
import type { IncidentAssignedV1, IncidentAssignedV2 } from './incident-events';

/**
 * IncidentAssigned v2 speaks the API's vocabulary (`assignmentGroup`, `assignee`, as the incident lists answer)
 * where v1 said `group` and `agent`. Events written as v1 stay in the log; readers see v2.
 */
export const incidentAssignedV1ToV2: Upcaster<IncidentAssignedV1, IncidentAssignedV2> = {
  type: 'IncidentAssigned',
  fromVersion: 1,
  toVersion: 2,
  upcast: ({ group, agent, previousGroup, previousAgent, ...rest }) => ({
    ...rest,
    assignmentGroup: group,
    assignee: agent,
    previousAssignmentGroup: previousGroup,
    previousAssignee: previousAgent,
  }),
};

export const INCIDENTS_UPCASTERS: readonly Upcaster<never, unknown>[] = [incidentAssignedV1ToV2 as Upcaster<never, unknown>];
