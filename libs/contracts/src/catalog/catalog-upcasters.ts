import type { Upcaster } from '../upcasting/upcaster';
import { DEFAULT_SERVICE_CRITICALITY, type ServiceRegisteredV1, type ServiceRegisteredV2 } from './service-events';

/**
 * ServiceRegistered v2 carries the service's `criticality`; services registered before there was one are `medium`,
 * the default a registration without one gets today. Events written as v1 stay in the log; readers see v2.
 */
export const serviceRegisteredV1ToV2: Upcaster<ServiceRegisteredV1, ServiceRegisteredV2> = {
  type: 'ServiceRegistered',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => ({ ...data, criticality: DEFAULT_SERVICE_CRITICALITY }),
};

export const CATALOG_UPCASTERS: readonly Upcaster<never, unknown>[] = [serviceRegisteredV1ToV2 as Upcaster<never, unknown>];
