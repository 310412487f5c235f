import { assertNever, IllegalTransition, type Decider } from '@itsm/event-sourcing';
import { currencyOf } from '../money';
import { requireId, requireText } from '../shared/guards';
import type { CloseCostPool, CostPoolCommand, OpenCostPool, RenameCostPool } from './commands';
import type { CostPoolEvent } from './events';
import { evolve, initialState, type CostPool, type OpenedCostPool } from './state';

export const decide = (command: CostPoolCommand, pool: CostPool): CostPoolEvent[] => {
  switch (command.type) {
    case 'OpenCostPool': return open(command, pool);
    case 'RenameCostPool': return rename(command, pool);
    case 'CloseCostPool': return close(command, pool);
    default: return assertNever(command);
  }
};

export const costPoolDecider: Decider<CostPoolCommand, CostPool, CostPoolEvent> = { decide, evolve, initialState };

const open = ({ data, metadata }: OpenCostPool, pool: CostPool): CostPoolEvent[] => {
  if (pool.status !== 'initial') throw new IllegalTransition(`Cost pool ${pool.costPoolId} is already opened`);
  const name = requireText(data.name, 'The name');
  const currency = currencyOf(data.currency).code;
  const ownerCostCenterId = requireId(data.ownerCostCenterId, 'The owner cost center');
  return [{ type: 'CostPoolOpened', data: { costPoolId: data.costPoolId, name, currency, ownerCostCenterId, openedAt: metadata.now.toISOString() } }];
};

const rename = ({ data, metadata }: RenameCostPool, pool: CostPool): CostPoolEvent[] => {
  const opened = requireOpened(pool, 'renamed');
  const name = requireText(data.name, 'The name');
  if (name === opened.name) return [];
  return [{ type: 'CostPoolRenamed', data: { costPoolId: opened.costPoolId, name, previousName: opened.name, renamedAt: metadata.now.toISOString() } }];
};

const close = ({ metadata }: CloseCostPool, pool: CostPool): CostPoolEvent[] => {
  const opened = requireOpened(pool, 'closed');
  return [{ type: 'CostPoolClosed', data: { costPoolId: opened.costPoolId, closedAt: metadata.now.toISOString() } }];
};

const requireOpened = (pool: CostPool, action: string): OpenedCostPool => {
  if (pool.status === 'initial') throw new IllegalTransition('The cost pool is not opened yet');
  if (pool.status === 'closed') throw new IllegalTransition(`Cost pool ${pool.costPoolId} is closed and cannot be ${action}`);
  return pool;
};
