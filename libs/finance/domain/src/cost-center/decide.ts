import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import type { CostCenterCommand, OpenCostCenter } from './commands';
import type { CostCenterEvent } from './events';
import { evolve, initialState, type CostCenter } from './state';

export const NAME_MAX_LENGTH = 160;

export const decide = (command: CostCenterCommand, costCenter: CostCenter): CostCenterEvent[] => {
  switch (command.type) {
    case 'OpenCostCenter': return open(command, costCenter);
    default: return assertNever(command.type);
  }
};

export const costCenterDecider: Decider<CostCenterCommand, CostCenter, CostCenterEvent> = { decide, evolve, initialState };

const open = ({ data, metadata }: OpenCostCenter, costCenter: CostCenter): CostCenterEvent[] => {
  if (costCenter.status !== 'initial') throw new IllegalTransition(`Cost center ${costCenter.costCenterId} is already opened`);
  const name = data.name.trim();
  if (name.length === 0) throw new RuleViolation('The name must not be blank');
  if (name.length > NAME_MAX_LENGTH) throw new RuleViolation(`The name must be at most ${NAME_MAX_LENGTH} characters`);
  return [{ type: 'CostCenterOpened', data: { costCenterId: data.costCenterId, name, openedAt: metadata.now.toISOString() } }];
};
