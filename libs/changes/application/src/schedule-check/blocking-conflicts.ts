import type { ChangeBlockingConflict } from '@itsm/contracts';
import { blockingConflicts, type RaisedChange } from '@itsm/changes-domain';
import type { ChangeQueries } from '../ports/change-queries.port';

/**
 * What blocks a change's window on the schedule right now: the live conflict detection on its services, window and
 * implementer (the change itself left out of its own overlaps), filtered by the domain's `blockingConflicts` for its
 * type. What the start, a standard change's submission and the approval that schedules a change pass to the decider,
 * which refuses while there are any.
 */
export const blockingConflictsOf = async (queries: ChangeQueries, change: RaisedChange): Promise<ChangeBlockingConflict[]> => {
  const { serviceIds, plannedStart, plannedEnd, implementer, type, changeId } = change;
  const conflicts = await queries.conflicts.conflictsFor({ serviceIds, plannedStart, plannedEnd, implementer, type, changeId });
  return blockingConflicts(conflicts, type).map(({ kind, detail }) => ({ kind, detail }));
};
