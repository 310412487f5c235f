import { CHANGES_EVENT_TYPES } from '../changes';
import { INCIDENTS_EVENT_TYPES } from '../incidents';
import { EVENT_SCHEMA_VERSIONS } from '../platform';
import { contextOfStream } from '../stream-contexts';
import { CONTEXTS_WITHOUT_PERSONAL_DATA, INCIDENTS_PERSONAL_DATA, PERSONAL_DATA_FIELDS } from './personal-data-fields';
import { DATA_SUBJECT_EVENT_TYPES, dataSubjectStreamId } from './subject-events';

describe('personal data in the contracts', () => {
  it('classifies every incidents event type, and lists exactly the ones with personal fields in the registry', () => {
    expect(Object.keys(INCIDENTS_PERSONAL_DATA).sort()).toEqual([...INCIDENTS_EVENT_TYPES].sort());
    const withFields = INCIDENTS_EVENT_TYPES.filter((type) => INCIDENTS_PERSONAL_DATA[type] !== null);
    expect(Object.keys(PERSONAL_DATA_FIELDS).sort()).toEqual([...withFields].sort());
  });

  it("marks the caller's identity and the free text people write on an incident", () => {
    expect(PERSONAL_DATA_FIELDS['IncidentOpened']).toEqual({ subject: { field: 'callerId' }, fields: ['callerId', 'shortDescription', 'description'] });
    expect(PERSONAL_DATA_FIELDS['IncidentWorkLogged'].fields).toEqual(['entry']);
    expect(PERSONAL_DATA_FIELDS['IncidentResolved'].fields).toEqual(['notes']);
    for (const type of ['IncidentReopened', 'IncidentCancelled', 'IncidentEscalated', 'MajorIncidentRejected']) {
      expect(PERSONAL_DATA_FIELDS[type]).toEqual({ subject: 'stream', fields: ['reason'] });
    }
  });

  it('names the subject of a stream in the event that opens it', () => {
    // A "stream" subject is found through the stream's first event, so that event must name it by a field.
    const subjectOpeners = Object.entries(PERSONAL_DATA_FIELDS).filter(([, entry]) => entry.subject !== 'stream');
    expect(subjectOpeners.map(([type]) => type)).toEqual(['IncidentOpened']);
  });

  it('leaves every other context out, each on purpose, and keeps erasures free of personal data', () => {
    expect(CONTEXTS_WITHOUT_PERSONAL_DATA).toEqual(['changes', 'catalog', 'finance', 'webhooks']);
    expect(CHANGES_EVENT_TYPES.filter((type) => type in PERSONAL_DATA_FIELDS)).toEqual([]);
    expect(Object.keys(PERSONAL_DATA_FIELDS).every((type) => type in EVENT_SCHEMA_VERSIONS)).toBe(true);
    expect(DATA_SUBJECT_EVENT_TYPES.filter((type) => type in PERSONAL_DATA_FIELDS)).toEqual([]);
    expect(EVENT_SCHEMA_VERSIONS['SubjectErased']).toBe(1);
    expect(contextOfStream(dataSubjectStreamId('ab12'))).toBe('incidents');
  });
});
