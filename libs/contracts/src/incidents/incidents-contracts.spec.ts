import { contextOfStream } from '../stream-contexts';
import {
  formatIncidentNumber,
  INCIDENT_NUMBER_PATTERN,
  incidentIdOf,
  incidentStreamId,
  INCIDENTS_EVENT_SCHEMA_VERSIONS,
  INCIDENTS_EVENT_TYPES,
  INCIDENT_EVENT_TYPES,
  SLA_EVENT_TYPES,
} from './index';
import { EVENT_UPCASTERS } from '../platform';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('incidents contracts', () => {
  it('names incident streams incident-<uuid>, owned by the incidents context', () => {
    expect(incidentStreamId(id)).toBe(`incident-${id}`);
    expect(contextOfStream(incidentStreamId(id))).toBe('incidents');
    expect(incidentIdOf(incidentStreamId(id))).toBe(id);
  });

  it('refuses ids that are not uuids', () => {
    expect(() => incidentStreamId('INC0000001')).toThrow(/uuid/);
  });

  it('formats incident numbers INC0000001', () => {
    expect(formatIncidentNumber(1)).toBe('INC0000001');
    expect(formatIncidentNumber(12_345_678)).toBe('INC12345678');
    expect(INCIDENT_NUMBER_PATTERN.test(formatIncidentNumber(42))).toBe(true);
    expect(INCIDENT_NUMBER_PATTERN.test('INC12')).toBe(false);
  });

  it('publishes incident and SLA events, each type once, in version 1 except IncidentAssigned (v2)', () => {
    expect(INCIDENTS_EVENT_TYPES).toEqual([...INCIDENT_EVENT_TYPES, ...SLA_EVENT_TYPES]);
    expect(new Set(INCIDENTS_EVENT_TYPES).size).toBe(INCIDENTS_EVENT_TYPES.length);
    expect(Object.keys(INCIDENTS_EVENT_SCHEMA_VERSIONS).sort()).toEqual([...INCIDENTS_EVENT_TYPES].sort());
    expect(Object.entries(INCIDENTS_EVENT_SCHEMA_VERSIONS).filter(([, version]) => version !== 1)).toEqual([['IncidentAssigned', 2]]);
  });

  it('upcasts every older version to the one writers stamp today', () => {
    for (const type of INCIDENTS_EVENT_TYPES) expect([type, EVENT_UPCASTERS.latestVersion(type)]).toEqual([type, INCIDENTS_EVENT_SCHEMA_VERSIONS[type]]);
  });

  it('names every event as a fact in the past tense', () => {
    const pastTense = /(ed|Met|PutOnHold|LinkedToChange)$/;
    expect(INCIDENTS_EVENT_TYPES.filter((type) => !pastTense.test(type))).toEqual([]);
  });
});
