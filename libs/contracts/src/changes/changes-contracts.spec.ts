import { EVENT_SCHEMA_VERSIONS, EVENT_UPCASTERS, isPublishedEventType } from '../platform';
import { contextOfStream } from '../stream-contexts';
import {
  CHANGE_EVENT_TYPES,
  CHANGE_NUMBER_PATTERN,
  CHANGE_STATES,
  changeIdOf,
  changeStreamId,
  CHANGES_EVENT_SCHEMA_VERSIONS,
  CHANGES_EVENT_TYPES,
  formatChangeNumber,
  FREEZE_WINDOW_EVENT_TYPES,
  MATERIAL_CHANGE_FIELDS,
  RISK_LEVELS,
} from './index';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('changes contracts', () => {
  it('names change streams change-<uuid>, owned by the changes context', () => {
    expect(changeStreamId(id)).toBe(`change-${id}`);
    expect(contextOfStream(changeStreamId(id))).toBe('changes');
    expect(changeIdOf(changeStreamId(id))).toBe(id);
  });

  it('formats change numbers CHG0000001', () => {
    expect(formatChangeNumber(1)).toBe('CHG0000001');
    expect(formatChangeNumber(12_345_678)).toBe('CHG12345678');
    expect(CHANGE_NUMBER_PATTERN.test(formatChangeNumber(456))).toBe(true);
    expect(CHANGE_NUMBER_PATTERN.test('INC0000001')).toBe(false);
    expect(CHANGE_NUMBER_PATTERN.test('CHG12')).toBe(false);
  });

  it('publishes its events in the platform’s one registry, each type once, all in version 1', () => {
    expect(CHANGES_EVENT_TYPES).toEqual([...CHANGE_EVENT_TYPES, ...FREEZE_WINDOW_EVENT_TYPES]);
    expect(new Set(CHANGES_EVENT_TYPES).size).toBe(CHANGES_EVENT_TYPES.length);
    expect(Object.keys(CHANGES_EVENT_SCHEMA_VERSIONS).sort()).toEqual([...CHANGES_EVENT_TYPES].sort());
    for (const type of CHANGES_EVENT_TYPES) {
      expect([type, EVENT_SCHEMA_VERSIONS[type], CHANGES_EVENT_SCHEMA_VERSIONS[type]]).toEqual([type, 1, 1]);
      expect([type, EVENT_UPCASTERS.latestVersion(type)]).toEqual([type, 1]);
      expect([type, isPublishedEventType(type)]).toEqual([type, true]);
    }
  });

  it('lists the whole change lifecycle, from raising to caused incidents', () => {
    expect(CHANGE_EVENT_TYPES).toEqual(
      expect.arrayContaining([
        'ChangeRaised', 'ChangeSubmitted', 'ChangeRiskAssessed', 'ChangeApprovalRequested', 'ChangeApprovalRecorded',
        'ChangeApprovalStageApproved', 'ChangeAuthorized', 'ChangeRejected', 'ChangeApprovalsLapsed', 'ChangeApprovalsCanceled',
        'ChangeUpdated', 'ChangeTypeChanged', 'ChangeScheduled', 'ChangeImplementationStarted', 'ChangeCompleted',
        'ChangePostImplementationReviewRecorded', 'ChangeClosed', 'ChangeCanceled', 'ChangeCausedIncidentRecorded',
        'ChangeCausedIncidentRemoved',
      ]),
    );
    expect(CHANGE_EVENT_TYPES).toHaveLength(20);
  });

  it('names every event as a fact in the past tense, in the change’s own namespace', () => {
    expect(CHANGE_EVENT_TYPES.filter((type) => !/^Change\w*ed$/.test(type))).toEqual([]);
  });

  it('spells the states and risk levels as the API does (DESIGN §7)', () => {
    expect(CHANGE_STATES).toEqual(['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled']);
    expect(RISK_LEVELS).toEqual(['low', 'moderate', 'high', 'very-high']);
    expect(MATERIAL_CHANGE_FIELDS).toEqual(['plannedStart', 'plannedEnd', 'serviceIds', 'implementationPlan', 'backoutPlan', 'testPlan']);
  });
});
