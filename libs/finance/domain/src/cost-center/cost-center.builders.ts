import type { CloseCostCenter, MoveCostCenter, OpenCostCenter, RenameCostCenter } from './commands';
import type { CostCenterClosed, CostCenterMoved, CostCenterOpened, CostCenterRenamed } from './events';

/** Facts the specs share; each builder takes only what a test changes. */
export const costCenterId = '0190f3a4-1111-7222-8333-944445555666';
export const parentId = '0190f3a4-1111-7222-8333-000000000001';
export const otherParentId = '0190f3a4-1111-7222-8333-000000000002';
export const now = new Date('2026-03-02T09:30:00.000Z');
export const later = new Date('2026-04-01T08:00:00.000Z');
const metadata = { now, actor: { id: 'finance-1', role: 'finance' } };
const laterMetadata = { ...metadata, now: later };

export const open = (data: Partial<OpenCostCenter['data']> = {}): OpenCostCenter => ({
  type: 'OpenCostCenter',
  data: { costCenterId, code: 'IT-OPS', name: 'IT operations', currency: 'EUR', parentId, ...data },
  metadata,
});

export const opened = (data: Partial<CostCenterOpened['data']> = {}): CostCenterOpened => ({
  type: 'CostCenterOpened',
  data: { costCenterId, code: 'IT-OPS', name: 'IT operations', currency: 'EUR', parentId, openedAt: now.toISOString(), ...data },
});

export const rename = (name: string): RenameCostCenter => ({ type: 'RenameCostCenter', data: { name }, metadata: laterMetadata });

export const renamed = (name: string, previousName = 'IT operations'): CostCenterRenamed => ({
  type: 'CostCenterRenamed',
  data: { costCenterId, name, previousName, renamedAt: later.toISOString() },
});

export const move = (to: string | null): MoveCostCenter => ({ type: 'MoveCostCenter', data: { parentId: to }, metadata: laterMetadata });

export const moved = (to: string | null, from: string | null = parentId): CostCenterMoved => ({
  type: 'CostCenterMoved',
  data: { costCenterId, parentId: to, previousParentId: from, movedAt: later.toISOString() },
});

export const close = (): CloseCostCenter => ({ type: 'CloseCostCenter', data: {}, metadata: laterMetadata });

export const closed = (): CostCenterClosed => ({ type: 'CostCenterClosed', data: { costCenterId, closedAt: later.toISOString() } });
