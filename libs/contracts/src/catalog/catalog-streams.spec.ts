import { EVENT_UPCASTERS } from '../platform';
import { contextOfStream } from '../stream-contexts';
import { formatNumber } from '@itsm/event-sourcing';
import { CALENDAR_NUMBER_PATTERN, CALENDAR_NUMBER_PREFIX, calendarStreamId, catalogEntityIdOf, serviceStreamId } from './catalog-streams';
import { CATALOG_EVENT_SCHEMA_VERSIONS, CATALOG_EVENT_TYPES } from './catalog-schema-versions';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('catalog streams', () => {
  it('names service and calendar streams <type>-<uuid>, owned by the catalog context', () => {
    expect(serviceStreamId(id)).toBe(`service-${id}`);
    expect(calendarStreamId(id)).toBe(`calendar-${id}`);
    expect(contextOfStream(serviceStreamId(id))).toBe('catalog');
    expect(contextOfStream(calendarStreamId(id))).toBe('catalog');
  });

  it('formats calendar numbers CAL0000001 and recognises them as services’ SVC…', () => {
    expect(formatNumber(CALENDAR_NUMBER_PREFIX, 1)).toBe('CAL0000001');
    expect(CALENDAR_NUMBER_PATTERN.test(formatNumber(CALENDAR_NUMBER_PREFIX, 12_345_678))).toBe(true);
    expect(['CAL12', 'cal0000001', 'SVC0000001', 'CAL0000001 '].filter((text) => CALENDAR_NUMBER_PATTERN.test(text))).toEqual([]);
  });

  it('gives back the entity id of a stream', () => {
    expect(catalogEntityIdOf(serviceStreamId(id))).toBe(id);
  });

  it('refuses ids that are not uuids', () => {
    expect(() => serviceStreamId('email')).toThrow(/uuid/);
  });

  it('writes every catalog event in schema version 1 except ServiceRegistered (v2, criticality) and CalendarCreated (v2, number), names in the past tense', () => {
    expect(Object.entries(CATALOG_EVENT_SCHEMA_VERSIONS).filter(([, version]) => version !== 1).sort()).toEqual([['CalendarCreated', 2], ['ServiceRegistered', 2]]);
    expect(Object.keys(CATALOG_EVENT_SCHEMA_VERSIONS).sort()).toEqual([...CATALOG_EVENT_TYPES].sort());
    expect(CATALOG_EVENT_TYPES).toContain('ServiceRegistered');
    expect(CATALOG_EVENT_TYPES).toContain('ServiceMaintenanceWindowsSet');
    expect(CATALOG_EVENT_TYPES).toContain('CalendarUpdated');
    expect(new Set(CATALOG_EVENT_TYPES).size).toBe(CATALOG_EVENT_TYPES.length);
    expect(CATALOG_EVENT_TYPES.every((type) => /(ed|Set|Live)$/.test(type))).toBe(true);
  });

  it('upcasts every older version to the one writers stamp today', () => {
    for (const type of CATALOG_EVENT_TYPES) expect([type, EVENT_UPCASTERS.latestVersion(type)]).toEqual([type, CATALOG_EVENT_SCHEMA_VERSIONS[type]]);
  });
});
