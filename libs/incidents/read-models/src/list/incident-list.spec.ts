import type { RecordedEvent } from '@itsm/event-sourcing';
import { fieldChangesOf } from '../history/incident-history.changes';
import { InvalidCursor } from '@itsm/projections';
import { decodeIncidentCursor, encodeIncidentCursor } from './incident-list.cursor';
import { opened } from '../testing/incident-event-builders';
import { evolveIncidentRecord, type IncidentRecord } from './incident-record';
import { searchTermsOf, substringTsQuery } from './incident-text-query';

const incidentId = '0190f3a4-1111-7222-8333-944445555666';

const recorded = (type: string, data: object, streamRevision: number, actor = 'agent-alice'): RecordedEvent =>
  ({ type, data, streamRevision, actor: { id: actor }, occurredAt: '2026-03-04T23:59:59.000Z' }) as unknown as RecordedEvent;

const fold = (events: RecordedEvent[]): IncidentRecord | null => events.reduce<IncidentRecord | null>(evolveIncidentRecord, null);

describe('incident record fold', () => {
  const open = recorded('IncidentOpened', opened({ incidentId, sequence: 7, openedAt: '2026-03-04T09:00:00.000Z' }), 0, 'caller-carol');

  it('ignores events of an incident it never saw opened', () => {
    expect(fold([recorded('SlaBreached', { incidentId, kind: 'response', dueAt: 'x', breachedAt: '2026-03-04T10:00:00.000Z' }, 3)])).toBeNull();
  });

  it('keeps the group on a functional escalation (the IncidentAssigned that follows moves it) and raises the level on a hierarchical one', () => {
    const record = fold([
      open,
      recorded('IncidentEscalated', { incidentId, kind: 'functional', fromGroup: 'a', toGroup: 'b', reason: 'r', escalatedAt: '2026-03-04T10:00:00.000Z' }, 1),
      recorded('IncidentEscalated', { incidentId, kind: 'hierarchical', fromLevel: 0, toLevel: 1, reason: 'r', escalatedAt: '2026-03-04T11:00:00.000Z' }, 2),
    ]);
    expect(record).toMatchObject({ assignmentGroup: null, escalationLevel: 1, revision: 2, updatedAt: '2026-03-04T11:00:00.000Z' });
  });

  it('takes the last-update time from the event data, else from the log', () => {
    const record = fold([open, recorded('SomethingNewer', { incidentId }, 1)]);
    expect(record).toMatchObject({ updatedAt: '2026-03-04T23:59:59.000Z', revision: 1, state: 'new' });
  });

  it('keeps the hold reason while on hold and the resolution notes until reopened', () => {
    const held = fold([
      open,
      recorded('IncidentPutOnHold', { incidentId, reason: 'awaiting-caller', previousState: 'assigned', state: 'on-hold', heldAt: '2026-03-04T10:00:00.000Z' }, 1),
    ]);
    expect(held).toMatchObject({ state: 'on-hold', holdReason: 'awaiting-caller' });
    const resolvedFromHold = recorded('IncidentResolved', {
      incidentId, code: 'solved-workaround', notes: 'Reset the password', previousState: 'on-hold', state: 'resolved',
      childIncidentIds: [], resolvedWithParentIncidentId: null, resolvedAt: '2026-03-04T11:00:00.000Z',
    }, 2);
    const resolved = evolveIncidentRecord(held, resolvedFromHold);
    expect(resolved).toMatchObject({ holdReason: null, resolutionCode: 'solved-workaround', resolutionNotes: 'Reset the password' });
    expect(resolved && fieldChangesOf(held, resolved, resolvedFromHold).map(({ field, oldValue, newValue }) => [field, oldValue, newValue])).toEqual([
      ['state', 'on-hold', 'resolved'],
      ['resolutionCode', null, 'solved-workaround'],
      ['holdReason', 'awaiting-caller', null],
      ['resolutionNotes', null, 'Reset the password'],
    ]);
    const closed = evolveIncidentRecord(resolved, recorded('IncidentClosed', { incidentId, state: 'closed', closedAt: '2026-03-05T11:00:00.000Z' }, 3));
    expect(closed).toMatchObject({ state: 'closed', resolutionCode: 'solved-workaround', resolutionNotes: 'Reset the password' });
  });

  it('lists only the fields an event changed, with the actor and the event time', () => {
    const before = fold([open]);
    const event = recorded('MajorIncidentProposed', { incidentId, justification: 'j', proposedBy: 'agent-bob', proposedAt: '2026-03-04T12:00:00.000Z' }, 1, 'agent-bob');
    const after = evolveIncidentRecord(before, event);
    expect(after && fieldChangesOf(before, after, event)).toEqual([
      { incidentId, revision: 1, ordinal: 7, at: '2026-03-04T12:00:00.000Z', actor: 'agent-bob', field: 'majorStatus', oldValue: 'none', newValue: 'proposed', eventType: 'MajorIncidentProposed' },
    ]);
  });
});

describe('text search', () => {
  it('makes every word a quoted lower-case prefix and drops everything that is not a letter or digit', () => {
    expect(substringTsQuery("Disk FULL on 'srv-7' & | !:* disk")).toBe("'disk':* & 'full':* & 'on':* & 'srv':* & '7'");
    expect(substringTsQuery('INC0000042 srv7')).toBe("'inc0000042' & 'srv7'");
    expect(substringTsQuery('Übergröße')).toBe("'übergröße':*");
    expect(substringTsQuery(' &|! ')).toBeNull();
  });

  it('indexes every word of the number, short description and description with its suffixes, and the bare number', () => {
    const terms = searchTermsOf({ number: 'INC0000042', shortDescription: 'E-mail down on srv7', description: 'Größe 4711' });
    expect(terms).toEqual(expect.arrayContaining(['inc0000042', '42', 'mail', 'ail', 'il', 'e', 'down', 'wn', 'größe', 'öße', 'ße', 'srv7', '4711']));
    // Words with a digit stay whole: no '0000042', 'rv7' or '711'.
    expect(terms).not.toEqual(expect.arrayContaining(['0000042']));
    expect(terms.filter((term) => ['l', '0000042', 'rv7', '711'].includes(term))).toEqual([]);
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('incident cursor', () => {
  it('round-trips the sort key and refuses anything else', () => {
    const key = { openedAt: '2026-03-04T09:00:00.000Z', incidentId };
    expect(decodeIncidentCursor(encodeIncidentCursor(key))).toEqual(key);
    const json = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [
      '',
      '!!',
      Buffer.from(`${key.openedAt}|${incidentId}`).toString('base64url'),
      json({ ...key, openedAt: '2026-03-04' }),
      json({ ...key, incidentId: 'x' }),
      json({ ...key, extra: 1 }),
      json({ openedAt: key.openedAt }),
    ]) {
      expect(() => decodeIncidentCursor(bad)).toThrow(InvalidCursor);
    }
  });
});
