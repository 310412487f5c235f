import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { currencyOf } from '../money';
import { requireId, requireText } from '../shared/guards';
import type { CloseCostCenter, CostCenterCommand, MoveCostCenter, OpenCostCenter, RenameCostCenter } from './commands';
import type { CostCenterEvent } from './events';
import { evolve, initialState, type CostCenter, type OpenedCostCenter } from './state';

/** Codes are upper case: a letter or digit, then up to 31 letters, digits, ".", "_" or "-" ("IT-OPS", "CC1000"). */
export const COST_CENTER_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;

export const decide = (command: CostCenterCommand, costCenter: CostCenter): CostCenterEvent[] => {
  switch (command.type) {
    case 'OpenCostCenter': return open(command, costCenter);
    case 'RenameCostCenter': return rename(command, costCenter);
    case 'MoveCostCenter': return move(command, costCenter);
    case 'CloseCostCenter': return close(command, costCenter);
    default: return assertNever(command);
  }
};

export const costCenterDecider: Decider<CostCenterCommand, CostCenter, CostCenterEvent> = { decide, evolve, initialState };

const open = ({ data, metadata }: OpenCostCenter, costCenter: CostCenter): CostCenterEvent[] => {
  if (costCenter.status !== 'initial') throw new IllegalTransition(`Cost center ${costCenter.costCenterId} is already opened`);
  const code = requireText(data.code, 'The code', 32).toUpperCase();
  if (!COST_CENTER_CODE_PATTERN.test(code)) {
    throw new RuleViolation(`The code "${code}" must be a letter or digit, then up to 31 letters, digits, ".", "_" or "-"`);
  }
  const name = requireText(data.name, 'The name');
  const currency = currencyOf(data.currency).code;
  const parentId = data.parentId == null ? null : requireId(data.parentId, 'The parent');
  if (parentId === data.costCenterId) throw new RuleViolation('A cost center cannot be its own parent');
  return [{ type: 'CostCenterOpened', data: { costCenterId: data.costCenterId, code, name, currency, parentId, openedAt: metadata.now.toISOString() } }];
};

const rename = ({ data, metadata }: RenameCostCenter, costCenter: CostCenter): CostCenterEvent[] => {
  const opened = requireOpened(costCenter, 'renamed');
  const name = requireText(data.name, 'The name');
  if (name === opened.name) return [];
  return [{ type: 'CostCenterRenamed', data: { costCenterId: opened.costCenterId, name, previousName: opened.name, renamedAt: metadata.now.toISOString() } }];
};

const move = ({ data, metadata }: MoveCostCenter, costCenter: CostCenter): CostCenterEvent[] => {
  const opened = requireOpened(costCenter, 'moved');
  const parentId = data.parentId === null ? null : requireId(data.parentId, 'The parent');
  if (parentId === opened.costCenterId) throw new RuleViolation('A cost center cannot be its own parent');
  if (parentId === opened.parentId) return [];
  return [
    { type: 'CostCenterMoved', data: { costCenterId: opened.costCenterId, parentId, previousParentId: opened.parentId, movedAt: metadata.now.toISOString() } },
  ];
};

const close = ({ metadata }: CloseCostCenter, costCenter: CostCenter): CostCenterEvent[] => {
  const opened = requireOpened(costCenter, 'closed');
  return [{ type: 'CostCenterClosed', data: { costCenterId: opened.costCenterId, closedAt: metadata.now.toISOString() } }];
};

const requireOpened = (costCenter: CostCenter, action: string): OpenedCostCenter => {
  if (costCenter.status === 'initial') throw new IllegalTransition('The cost center is not opened yet');
  if (costCenter.status === 'closed') throw new IllegalTransition(`Cost center ${costCenter.code} is closed and cannot be ${action}`);
  return costCenter;
};
