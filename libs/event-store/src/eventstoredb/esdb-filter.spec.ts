import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import { eventTypesRegex, planEsdbFilter } from './esdb-filter';

const event = (type: string, streamId: string) => ({ type, streamId });

describe('EventStoreDB filter plan', () => {
  it('without a filter, asks the server to drop system events and drops $-streams in code', () => {
    const plan = planEsdbFilter();
    expect(plan.server).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    expect(plan.matches(event('IncidentOpened', 'incident-1'))).toBe(true);
    expect(plan.matches(event('$statsCollected', '$stats-127.0.0.1:2113'))).toBe(false);
    expect(plan.matches(event('IncidentOpened', '$ce-incident'))).toBe(false);
  });

  it('filters types on the server by exact name, not by prefix', () => {
    const plan = planEsdbFilter({ types: ['IncidentOpened', 'ChangeClosed'] });
    expect(plan.server).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:IncidentOpened|ChangeClosed)$' });
    const regex = new RegExp((plan.server as { regex: string }).regex);
    expect(regex.test('IncidentOpened')).toBe(true);
    expect(regex.test('IncidentOpenedByEmail')).toBe(false);
    expect(plan.matches(event('IncidentOpenedByEmail', 'incident-1'))).toBe(false);
  });

  it('escapes regex metacharacters in type names', () => {
    const regex = new RegExp(eventTypesRegex(['a.b', 'c+d']));
    expect(regex.test('a.b')).toBe(true);
    expect(regex.test('axb')).toBe(false);
    expect(regex.test('c+d')).toBe(true);
    expect(regex.test('ccd')).toBe(false);
  });

  it('filters stream prefixes on the server when no types are given', () => {
    const plan = planEsdbFilter({ streamPrefixes: ['incident-', 'change-'] });
    expect(plan.server).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['incident-', 'change-'] });
    expect(plan.matches(event('ChangeClosed', 'change-9'))).toBe(true);
    expect(plan.matches(event('ServiceRetired', 'service-1'))).toBe(false);
  });

  it('with types and prefixes, filters types on the server and both in code (AND)', () => {
    const plan = planEsdbFilter({ types: ['IncidentOpened'], streamPrefixes: ['incident-'] });
    expect(plan.server).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:IncidentOpened)$' });
    expect(plan.matches(event('IncidentOpened', 'incident-1'))).toBe(true);
    expect(plan.matches(event('IncidentOpened', 'change-1'))).toBe(false);
    expect(plan.matches(event('IncidentClosed', 'incident-1'))).toBe(false);
  });

  it('treats empty lists as no restriction', () => {
    const plan = planEsdbFilter({ types: [], streamPrefixes: [] });
    expect(plan.server).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    expect(plan.matches(event('Anything', 'any-1'))).toBe(true);
  });
});
