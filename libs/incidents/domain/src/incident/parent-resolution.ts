import type { IncidentResolvedV1 } from '@itsm/contracts';
import { OPEN_INCIDENT_STATES } from '@itsm/contracts';
import type { CommandMetadata } from './command-metadata';
import type { ResolveIncidentWithParent } from './commands';
import type { Incident } from './state';

/**
 * "Resolving the parent resolves its open children": the process manager of the application calls this for each
 * child named in the parent's IncidentResolved and sends the command it returns. Null when there is nothing to do:
 * the child is no longer open, or is not (any more) a child of that parent. Children of the child follow in turn,
 * from the child's own IncidentResolved.
 */
export const resolveBecauseParentResolved = (
  parentResolved: IncidentResolvedV1,
  child: Incident,
  metadata: CommandMetadata,
): ResolveIncidentWithParent | null => {
  if (child.status === 'unopened') return null;
  if (!OPEN_INCIDENT_STATES.includes(child.lifecycle.state)) return null;
  if (child.parentIncidentId !== parentResolved.incidentId) return null;
  return {
    type: 'ResolveIncidentWithParent',
    data: { parentIncidentId: parentResolved.incidentId, code: parentResolved.code, notes: parentResolved.notes },
    metadata,
  };
};
