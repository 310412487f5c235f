import { CATALOG_EVENT_TYPES } from '../catalog/catalog-schema-versions';
import { INCIDENTS_EVENT_TYPES } from '../incidents/incidents-schema-versions';
import { EVENT_SCHEMA_VERSIONS, EVENT_UPCASTERS, INTERNAL_EVENT_TYPES, isPublishedEventType, schemaVersionOf, upcastEvent } from './event-schemas';
import { CHANGES_EVENT_TYPES } from '../changes/changes-schema-versions';
import { FINANCE_EVENT_TYPES } from '../finance/finance-schema-versions';
import { DATA_SUBJECT_EVENT_TYPES } from '../personal-data/subject-events';
import { WEBHOOKS_EVENT_TYPES } from '../webhooks/webhooks-schema-versions';

describe('the platform’s event schemas: one registry for writers and readers', () => {
  it('knows every context’s event types, each with the version writers stamp today', () => {
    expect(Object.keys(EVENT_SCHEMA_VERSIONS).sort()).toEqual([...CATALOG_EVENT_TYPES, ...INCIDENTS_EVENT_TYPES, ...CHANGES_EVENT_TYPES, ...FINANCE_EVENT_TYPES, ...DATA_SUBJECT_EVENT_TYPES, ...WEBHOOKS_EVENT_TYPES].sort());
    expect(schemaVersionOf('IncidentAssigned')).toBe(2);
    expect(schemaVersionOf('ServiceRegistered')).toBe(2);
    expect(schemaVersionOf('ServiceMaintenanceWindowsSet')).toBe(1);
  });

  it('upcasts a stored v1 IncidentAssigned to v2 and leaves current events untouched (same object)', () => {
    const stored = { type: 'IncidentAssigned', schemaVersion: 1, data: { incidentId: 'i', group: 'ops', agent: null, previousGroup: null, previousAgent: null } };
    const current = { type: 'IncidentAssigned', schemaVersion: 2, data: { assignmentGroup: 'ops' } };

    expect(upcastEvent(stored as never)).toEqual({
      type: 'IncidentAssigned',
      schemaVersion: 2,
      data: { incidentId: 'i', assignmentGroup: 'ops', assignee: null, previousAssignmentGroup: null, previousAssignee: null },
    });
    expect(upcastEvent(current as never)).toBe(current);
    expect(EVENT_UPCASTERS.latestVersion('IncidentAssigned')).toBe(2);
  });

  it('upcasts a stored v1 ServiceRegistered to v2 with the default criticality, and leaves a v2 one untouched', () => {
    const data = { serviceId: 's', number: 'SVC0000001', name: 'Email', kind: 'business', description: 'Mail', ownerGroup: 'o', supportGroup: 's', lifecycle: 'pipeline', registeredAt: '2026-01-01T00:00:00.000Z' };
    const stored = { type: 'ServiceRegistered', schemaVersion: 1, data };
    const current = { type: 'ServiceRegistered', schemaVersion: 2, data: { ...data, criticality: 'critical' } };

    expect(upcastEvent(stored as never)).toEqual({ type: 'ServiceRegistered', schemaVersion: 2, data: { ...data, criticality: 'medium' } });
    expect(stored.data).not.toHaveProperty('criticality');
    expect(upcastEvent(current as never)).toBe(current);
    expect(EVENT_UPCASTERS.latestVersion('ServiceRegistered')).toBe(2);
  });

  it('keeps internal events out of the published contract', () => {
    for (const type of INTERNAL_EVENT_TYPES) expect([type, isPublishedEventType(type), type in EVENT_SCHEMA_VERSIONS]).toEqual([type, false, true]);
    expect(isPublishedEventType('IncidentOpened')).toBe(true);
    expect(isPublishedEventType('SomethingNobodyWrites')).toBe(false);
  });
});
