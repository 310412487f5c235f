import { RuleViolation } from '@itsm/event-sourcing';
import { isUuid } from '../stream-ids';
import type { CostCenterStreams } from '../streams/finance-streams';

/** The parent named by an open or a move: it must exist and be open (read from its stream: always current). */
export const requireOpenParent = async (streams: CostCenterStreams, parentId: string): Promise<void> => {
  if (!isUuid(parentId)) throw new RuleViolation(`The parent cost center ${parentId} does not exist`);
  const { state } = await streams.loadEvenIfAbsent(parentId);
  if (state.status === 'initial') throw new RuleViolation(`The parent cost center ${parentId} does not exist`);
  if (state.status === 'closed') throw new RuleViolation(`The parent cost center ${state.code} is closed`);
};
