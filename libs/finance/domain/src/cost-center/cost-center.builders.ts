import type { OpenCostCenter } from './commands';
import type { CostCenterOpened } from './events';

/** Facts the specs share; each builder takes only what a test changes. */
export const costCenterId = '0190f3a4-1111-7222-8333-944445555666';
export const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'agent-7', role: 'agent' } };

export const open = (data: Partial<OpenCostCenter['data']> = {}): OpenCostCenter => ({
  type: 'OpenCostCenter',
  data: { costCenterId, name: 'Name of the cost center', ...data },
  metadata,
});

export const opened = (data: Partial<CostCenterOpened['data']> = {}): CostCenterOpened => ({
  type: 'CostCenterOpened',
  data: { costCenterId, name: 'Name of the cost center', openedAt: now.toISOString(), ...data },
});
