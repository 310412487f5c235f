import { fold } from '@itsm/event-sourcing';
import { incidentDecider } from './decide';
import type { IncidentEvent } from './events';
import {
  assigned, at, changeId, childId, childLinked, escalatedToGroup, escalatedToLevel, heldEvent, histories, incidentId,
  linkedToChange, majorProposed, majorRejected, number, opened, parentId, parentLinked, priorityChanged, reopened,
  resolvedEvent, serviceId, workLogged,
} from './incident.builders';
import { stateOf, type OpenedIncident } from './state';

const foldOpened = (...events: IncidentEvent[]) => fold(incidentDecider, events) as OpenedIncident;

describe('Incident state (the record folded from its events, as asOf shows it)', () => {
  it('starts unopened', () => {
    expect(incidentDecider.initialState()).toEqual({ status: 'unopened' });
  });

  it('holds the whole record after opening', () => {
    expect(fold(incidentDecider, histories.new)).toEqual({
      status: 'opened',
      incidentId, number, callerId: 'caller-1', shortDescription: 'Email is down', description: 'Outlook shows "disconnected"',
      serviceId, offeringId: null, impact: 2, urgency: 2, priority: 'P3',
      lifecycle: { state: 'new' },
      assignment: { group: null, agent: null },
      escalationLevel: 0,
      major: 'none',
      majorProposedBy: null,
      parentIncidentId: null,
      childIncidentIds: [],
      changeLinks: [],
      workLog: { entries: 0, minutesSpent: 0 },
      reopenCount: 0,
      openedAt: at,
    });
  });

  it.each([
    ['new', histories.new],
    ['assigned', histories.assigned],
    ['in-progress', histories.inProgress],
    ['on-hold', histories.onHold],
    ['resolved', histories.resolved],
    ['closed', histories.closed],
    ['cancelled', histories.cancelled],
  ])('is %s after the events that lead there', (state, events) => {
    expect(stateOf(fold(incidentDecider, events) as OpenedIncident)).toBe(state);
  });

  it('keeps the hold reason and the resolution', () => {
    expect(foldOpened(...histories.inProgress, heldEvent('awaiting-vendor')).lifecycle).toEqual({ state: 'on-hold', reason: 'awaiting-vendor' });
    expect(foldOpened(...histories.resolved).lifecycle).toEqual({
      state: 'resolved', code: 'solved-permanently', notes: 'Restarted the mail gateway', resolvedAt: at,
    });
  });

  it('keeps the resolution when the incident is closed (the closed incident shows how it was resolved)', () => {
    expect(foldOpened(...histories.closed).lifecycle).toEqual({
      state: 'closed', code: 'solved-permanently', notes: 'Restarted the mail gateway', resolvedAt: at,
    });
  });

  it('remembers who proposed the major incident', () => {
    expect(foldOpened(...histories.inProgress, majorProposed()).majorProposedBy).toBe('agent-7');
  });

  it('follows assignment, escalation, priority, work log, major incident, links and reopenings', () => {
    const incident = foldOpened(
      ...histories.inProgress,
      escalatedToGroup('service-desk', 'mail-team'),
      assigned('mail-team', null, { previousGroup: 'service-desk', previousAgent: 'agent-7', state: 'in-progress' }),
      escalatedToLevel(1),
      priorityChanged(1, 1, 'P3', 'P1'),
      workLogged(30),
      workLogged(15, 'Called vendor', 'entry-2'),
      majorProposed(),
      majorRejected(),
      parentLinked(),
      childLinked(),
      linkedToChange('caused-by'),
      resolvedEvent(),
      reopened(1),
    );
    expect(incident).toMatchObject({
      assignment: { group: 'mail-team', agent: null },
      escalationLevel: 1,
      impact: 1, urgency: 1, priority: 'P1',
      workLog: { entries: 2, minutesSpent: 45 },
      major: 'rejected',
      parentIncidentId: parentId,
      childIncidentIds: [childId],
      changeLinks: [{ changeId, changeNumber: 'CHG0000009', relation: 'caused-by' }],
      reopenCount: 1,
      lifecycle: { state: 'in-progress' },
    });
  });

  it('ignores events before the incident was opened', () => {
    expect(fold(incidentDecider, [workLogged()])).toEqual({ status: 'unopened' });
    expect(fold(incidentDecider, [workLogged(), opened()])).toEqual(fold(incidentDecider, [opened()]));
  });
});
