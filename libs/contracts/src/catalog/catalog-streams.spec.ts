import { contextOfStream } from '../stream-contexts';
import { calendarStreamId, catalogEntityIdOf, serviceStreamId } from './catalog-streams';
import { CATALOG_EVENT_SCHEMA_VERSIONS, CATALOG_EVENT_TYPES } from './catalog-schema-versions';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('catalog streams', () => {
  it('names service and calendar streams <type>-<uuid>, owned by the catalog context', () => {
    expect(serviceStreamId(id)).toBe(`service-${id}`);
    expect(calendarStreamId(id)).toBe(`calendar-${id}`);
    expect(contextOfStream(serviceStreamId(id))).toBe('catalog');
    expect(contextOfStream(calendarStreamId(id))).toBe('catalog');
  });

  it('gives back the entity id of a stream', () => {
    expect(catalogEntityIdOf(serviceStreamId(id))).toBe(id);
  });

  it('refuses ids that are not uuids', () => {
    expect(() => serviceStreamId('email')).toThrow(/uuid/);
  });

  it('writes every catalog event in schema version 1, names in the past tense', () => {
    expect(new Set(Object.values(CATALOG_EVENT_SCHEMA_VERSIONS))).toEqual(new Set([1]));
    expect(CATALOG_EVENT_TYPES).toContain('ServiceRegistered');
    expect(CATALOG_EVENT_TYPES).toContain('CalendarUpdated');
    expect(CATALOG_EVENT_TYPES.every((type) => /(ed|Set|Live)$/.test(type))).toBe(true);
  });
});
