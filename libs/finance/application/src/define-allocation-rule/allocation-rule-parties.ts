import { RuleViolation } from '@itsm/event-sourcing';
import type { AllocationMethod, AllocationSource } from '@itsm/finance-domain';
import type { FinanceCatalog } from '../ports/finance-catalog.port';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import { isUuid } from '../stream-ids';

/** The consumer cost centers a method names (none for usage units: they come from metering). */
export const consumersOf = (method: AllocationMethod): string[] => {
  switch (method?.kind) {
    case 'direct':
      return [method.consumerCostCenterId];
    case 'equal':
      return method.consumerCostCenterIds ?? [];
    case 'percentage':
      return (method.shares ?? []).map((share) => share.consumerCostCenterId);
    case 'weighted':
      return (method.weights ?? []).map((weight) => weight.consumerCostCenterId);
    default:
      return [];
  }
};

/** Every consumer must be an open cost center (the directory, caught up by the caller where it matters). */
export const requireOpenConsumers = async (directory: FinanceDirectory, method: AllocationMethod): Promise<void> => {
  const ids = consumersOf(method).filter((id): id is string => typeof id === 'string').map((id) => id.trim().toLowerCase());
  const known = new Map((await directory.costCenters(ids.filter(isUuid))).map((center) => [center.id, center]));
  for (const id of ids) {
    const center = known.get(id);
    if (center === undefined) throw new RuleViolation(`The consumer cost center ${id} does not exist`);
    if (center.status === 'closed') throw new RuleViolation(`The consumer cost center ${center.code} is closed`);
  }
};

/** The source must exist: an open cost pool (directory) or a service finance's copy of the catalog knows. */
export const requireSourceExists = async (directory: FinanceDirectory, catalog: FinanceCatalog, source: AllocationSource): Promise<void> => {
  const id = String(source?.id ?? '').toLowerCase();
  if (source?.kind === 'pool') {
    const [pool] = isUuid(id) ? await directory.costPools([id]) : [];
    if (pool === undefined) throw new RuleViolation(`The cost pool ${id} does not exist`);
    if (pool.status === 'closed') throw new RuleViolation(`The cost pool ${id} is closed`);
  } else if (source?.kind === 'service') {
    const [service] = await catalog.services([id]);
    if (service === undefined) throw new RuleViolation(`The service ${id} is not known to finance (not in its copy of the catalog)`);
    if (service.lifecycle === 'retired') throw new RuleViolation(`The service ${service.number} is retired`);
  }
};

/** Ids lower-cased, as the streams and copies keep them. */
export const normalizedMethod = (method: AllocationMethod): AllocationMethod => {
  const lower = (id: string) => (typeof id === 'string' ? id.trim().toLowerCase() : id);
  switch (method?.kind) {
    case 'direct':
      return { ...method, consumerCostCenterId: lower(method.consumerCostCenterId) };
    case 'equal':
      return { ...method, consumerCostCenterIds: (method.consumerCostCenterIds ?? []).map(lower) };
    case 'percentage':
      return { ...method, shares: (method.shares ?? []).map((share) => ({ ...share, consumerCostCenterId: lower(share.consumerCostCenterId) })) };
    case 'weighted':
      return { ...method, weights: (method.weights ?? []).map((weight) => ({ ...weight, consumerCostCenterId: lower(weight.consumerCostCenterId) })) };
    default:
      return method;
  }
};
