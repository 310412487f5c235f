import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { CATALOG_UPCASTERS, serviceRegisteredV1ToV2 } from './catalog-upcasters';
import type { ServiceRegisteredV1 } from './service-events';

const v1: ServiceRegisteredV1 = {
  serviceId: '0190f3a4-1111-7222-8333-944445555666',
  number: 'SVC0000001',
  name: 'Email',
  kind: 'business',
  description: 'Mailboxes',
  ownerGroup: 'messaging',
  supportGroup: 'service-desk',
  lifecycle: 'pipeline',
  registeredAt: '2026-01-05T09:00:00.000Z',
};

describe('catalog upcasters', () => {
  it('reads a ServiceRegistered v1 as v2: every field kept, criticality medium', () => {
    expect(serviceRegisteredV1ToV2).toMatchObject({ type: 'ServiceRegistered', fromVersion: 1, toVersion: 2 });
    expect(serviceRegisteredV1ToV2.upcast(v1)).toEqual({ ...v1, criticality: 'medium' });
  });

  it('chains in a registry to v2 without changing the stored event', () => {
    const registry = new UpcasterRegistry(CATALOG_UPCASTERS);
    const stored = { eventId: 'e-1', type: 'ServiceRegistered', schemaVersion: 1, data: { ...v1 } };
    expect(registry.upcast(stored)).toEqual({ ...stored, schemaVersion: 2, data: { ...v1, criticality: 'medium' } });
    expect(stored).toEqual({ eventId: 'e-1', type: 'ServiceRegistered', schemaVersion: 1, data: v1 });
    expect(registry.latestVersion('ServiceRegistered')).toBe(2);
    expect(registry.latestVersion('ServiceUpdated')).toBe(1);
  });
});
