import type { Actor, RecordedEvent } from '@itsm/event-sourcing';
import { checkControls, ControlChecks, CONTROL_IDS, type ControlId } from './control-checks';

/** A log written in the order the calls are made: positions from 1, each stream's revisions from 0. */
const logBuilder = () => {
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  const append = (streamId: string, type: string, data: Record<string, unknown>, actor: Actor = { id: 'agent-ann', role: 'agent', via: 'api' }): RecordedEvent => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const position = events.length + 1;
    const event: RecordedEvent = {
      eventId: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      streamId,
      streamRevision: revision,
      globalPosition: position,
      occurredAt: new Date(Date.UTC(2026, 10, 2, 8, position)).toISOString(),
      recordedAt: new Date(Date.UTC(2026, 10, 2, 8, position)).toISOString(),
      actor,
      correlationId: `c${position}`,
      causationId: null,
      traceparent: null,
      data,
      hash: 'f'.repeat(64),
    };
    events.push(event);
    return event;
  };
  return { events, append };
};

const findingsOf = (events: readonly RecordedEvent[], control: ControlId) => checkControls(events).findings.filter((item) => item.control === control);

const incident = 'incident-0190f3a4-0000-7000-8000-000000000001';
const change = 'change-0190f3a4-0000-7000-8000-0000000000c1';
const manager: Actor = { id: 'manager-mia', role: 'change-manager', via: 'api' };

/** An incident opened, with its number. */
const opened = (log: ReturnType<typeof logBuilder>) => log.append(incident, 'IncidentOpened', { incidentId: 'i1', number: 'INC0000001', state: 'new' });
const breached = (log: ReturnType<typeof logBuilder>, kind = 'resolution') => log.append(incident, 'SlaBreached', { incidentId: 'i1', kind, dueAt: 'x', breachedAt: 'y' }, { id: 'sla-engine' });

/** A normal change raised by `requester`, implemented by `implementer`, up to the approval request. */
const raisedChange = (log: ReturnType<typeof logBuilder>, { type = 'normal', requester = 'req-rita', implementer = 'impl-ivan' } = {}) => {
  const raised = log.append(change, 'ChangeRaised', { changeId: 'c1', number: 'CHG0000001', type, requesterId: requester, implementer: { group: 'ops', agent: implementer }, state: 'new' }, { id: requester, role: 'requester' });
  log.append(change, 'ChangeSubmitted', { changeId: 'c1', type, state: type === 'emergency' ? 'authorize' : 'assess' }, { id: requester, role: 'requester' });
  log.append(change, 'ChangeApprovalRequested', { changeId: 'c1', round: 1, stages: [], currentStage: 'cab', state: 'authorize' }, manager);
  return raised;
};
const approval = (log: ReturnType<typeof logBuilder>, approverId: string, decision = 'approve') =>
  log.append(change, 'ChangeApprovalRecorded', { changeId: 'c1', round: 1, stage: 'cab', approverId, decision, comment: '', seenHash: 'h', tally: {} }, { id: approverId, role: 'cab-member' });
const authorized = (log: ReturnType<typeof logBuilder>) => log.append(change, 'ChangeAuthorized', { changeId: 'c1', round: 1, stages: ['cab'], state: 'scheduled' }, manager);
const started = (log: ReturnType<typeof logBuilder>, implementer = 'impl-ivan') =>
  log.append(change, 'ChangeImplementationStarted', { changeId: 'c1', implementer: { group: 'ops', agent: implementer }, state: 'implement' }, { id: implementer, role: 'agent' });
const completedAndClosed = (log: ReturnType<typeof logBuilder>, { review }: { review: boolean }) => {
  log.append(change, 'ChangeCompleted', { changeId: 'c1', outcome: 'successful', reviewRequired: review, state: 'review' }, { id: 'impl-ivan', role: 'agent' });
  if (review) log.append(change, 'ChangePostImplementationReviewRecorded', { changeId: 'c1', outcome: 'successful', reviewedBy: 'manager-mia' }, manager);
  return log.append(change, 'ChangeClosed', { changeId: 'c1', outcome: 'successful', state: 'closed' }, manager);
};

describe('control checks over the log', () => {
  describe('incidents that breached an SLA without an escalation', () => {
    it('given an incident whose resolution SLA breached and that was never escalated, then it is a finding citing the opening and the breach', () => {
      const log = logBuilder();
      const open = opened(log);
      const breach = breached(log);
      log.append(incident, 'IncidentWorkLogged', { incidentId: 'i1', minutesSpent: 5 });

      const [finding, ...others] = findingsOf(log.events, 'sla-breach-without-escalation');
      expect(others).toEqual([]);
      expect(finding).toMatchObject({ streamId: incident, number: 'INC0000001', eventIds: [open.eventId, breach.eventId] });
      expect(finding.summary).toContain('INC0000001: the resolution SLA breached at');
      expect(finding.evidence.map((item) => item.type)).toEqual(['IncidentOpened', 'SlaBreached']);
    });

    it('given a breached incident that was escalated (before or after the breach), then there is no finding', () => {
      const before = logBuilder();
      opened(before);
      before.append(incident, 'IncidentEscalated', { incidentId: 'i1', kind: 'hierarchical', fromLevel: 0, toLevel: 1 });
      breached(before);
      const after = logBuilder();
      opened(after);
      breached(after);
      after.append(incident, 'IncidentEscalated', { incidentId: 'i1', kind: 'functional', fromGroup: 'a', toGroup: 'b' });
      expect(findingsOf(before.events, 'sla-breach-without-escalation')).toEqual([]);
      expect(findingsOf(after.events, 'sla-breach-without-escalation')).toEqual([]);
    });

    it('given a breach recorded after the incident was cancelled (the SLA engine catches up), then it is a finding citing the opening', () => {
      const log = logBuilder();
      const open = opened(log);
      log.append(incident, 'IncidentCancelled', { incidentId: 'i1', state: 'cancelled' });
      const breach = breached(log, 'response');
      expect(findingsOf(log.events, 'sla-breach-without-escalation').map((finding) => finding.eventIds)).toEqual([[open.eventId, breach.eventId]]);
    });

    it('given a report taken before a later escalation, then the next report after it has no finding', () => {
      const checks = new ControlChecks();
      const open = logBuilder();
      opened(open);
      breached(open);
      checks.observeAll(open.events);
      expect(checks.report().controls.find((control) => control.id === 'sla-breach-without-escalation')?.findings).toBe(1);
      checks.observe(open.append(incident, 'IncidentEscalated', { incidentId: 'i1', kind: 'hierarchical', fromLevel: 0, toLevel: 1 }));
      expect(checks.report().findings).toEqual([]);
    });
  });

  describe('work logged by someone without the agent role', () => {
    it('given work logged as admin and work logged with no role recorded, then each is a finding citing its event', () => {
      const log = logBuilder();
      opened(log);
      log.append(incident, 'IncidentWorkLogged', { incidentId: 'i1', minutesSpent: 10 }, { id: 'agent-ann', role: 'agent', via: 'api' });
      const asAdmin = log.append(incident, 'IncidentWorkLogged', { incidentId: 'i1', minutesSpent: 30 }, { id: 'root', role: 'admin', via: 'api' });
      const noRole = log.append(incident, 'IncidentWorkLogged', { incidentId: 'i1', minutesSpent: 5 }, { id: 'importer' });

      const findings = findingsOf(log.events, 'work-logged-without-agent-role');
      expect(findings.map((finding) => finding.eventIds)).toEqual([[asAdmin.eventId], [noRole.eventId]]);
      expect(findings[0]).toMatchObject({ number: 'INC0000001', summary: expect.stringContaining('root logged 30 minutes of work as admin') });
      expect(findings[1].summary).toContain('importer logged 5 minutes of work with no role recorded');
    });

    it('given work logged by agents only, then there is no finding', () => {
      const log = logBuilder();
      opened(log);
      log.append(incident, 'IncidentWorkLogged', { incidentId: 'i1', minutesSpent: 10 });
      expect(findingsOf(log.events, 'work-logged-without-agent-role')).toEqual([]);
    });
  });

  describe('changes implemented before approval', () => {
    it('given implementation started while approval was still pending, then it is a finding citing the raise and the start', () => {
      const log = logBuilder();
      const raised = raisedChange(log);
      approval(log, 'cab-carl');
      const start = started(log);
      const [finding, ...others] = findingsOf(log.events, 'change-implemented-before-approval');
      expect(others).toEqual([]);
      expect(finding).toMatchObject({ number: 'CHG0000001', eventIds: [raised.eventId, start.eventId], summary: expect.stringContaining('it was never approved') });
    });

    it('given the approval lapsed after a material edit, then starting is a finding citing the lapse', () => {
      const log = logBuilder();
      raisedChange(log);
      approval(log, 'cab-carl');
      authorized(log);
      const lapse = log.append(change, 'ChangeApprovalsLapsed', { changeId: 'c1', round: 1, reason: 'material-change', state: 'assess' }, { id: 'req-rita', role: 'requester' });
      const start = started(log);
      const [finding] = findingsOf(log.events, 'change-implemented-before-approval');
      expect(finding.eventIds).toEqual([log.events[0].eventId, lapse.eventId, start.eventId]);
      expect(finding.summary).toContain('ChangeApprovalsLapsed');
    });

    it('given an authorized normal change and a pre-approved standard change, then starting them is no finding', () => {
      const normal = logBuilder();
      raisedChange(normal);
      approval(normal, 'cab-carl');
      authorized(normal);
      started(normal);
      const standard = logBuilder();
      standard.append(change, 'ChangeRaised', { changeId: 'c1', number: 'CHG0000001', type: 'standard', requesterId: 'req-rita', implementer: { group: 'ops', agent: 'impl-ivan' } });
      standard.append(change, 'ChangeScheduled', { changeId: 'c1', because: 'pre-approved', state: 'scheduled' });
      started(standard);
      expect(findingsOf(normal.events, 'change-implemented-before-approval')).toEqual([]);
      expect(findingsOf(standard.events, 'change-implemented-before-approval')).toEqual([]);
    });
  });

  describe('requesters or implementers approving their own change', () => {
    it('given the requester approved their change, then it is a finding citing the raise and the approval', () => {
      const log = logBuilder();
      const raised = raisedChange(log);
      const own = approval(log, 'req-rita');
      const [finding, ...others] = findingsOf(log.events, 'change-self-approval');
      expect(others).toEqual([]);
      expect(finding).toMatchObject({ eventIds: [raised.eventId, own.eventId], summary: expect.stringContaining('req-rita, who requested it, approved it') });
    });

    it('given someone approved and was then made the implementer, then starting the implementation is a finding', () => {
      const log = logBuilder();
      raisedChange(log);
      const approvedByCarl = approval(log, 'cab-carl');
      const reassigned = log.append(change, 'ChangeUpdated', { changeId: 'c1', changes: { implementer: { group: 'ops', agent: 'cab-carl' } }, materialFields: [] }, manager);
      authorized(log);
      const start = started(log, 'cab-carl');
      const [finding, ...others] = findingsOf(log.events, 'change-self-approval');
      expect(others).toEqual([]);
      expect(finding.eventIds).toEqual([log.events[0].eventId, approvedByCarl.eventId, start.eventId]);
      expect(reassigned.globalPosition).toBeLessThan(start.globalPosition);
      expect(finding.summary).toContain('cab-carl approved it, then implemented it');
    });

    it('given the implementer rejected and others approved, then there is no finding', () => {
      const log = logBuilder();
      raisedChange(log);
      approval(log, 'impl-ivan', 'reject');
      approval(log, 'cab-carl');
      authorized(log);
      started(log);
      expect(findingsOf(log.events, 'change-self-approval')).toEqual([]);
    });
  });

  describe('emergency changes closed without a post-implementation review', () => {
    it('given an emergency change closed with no review, then it is a finding citing the raise (its type) and the close', () => {
      const log = logBuilder();
      const raised = raisedChange(log, { type: 'emergency' });
      approval(log, 'cab-carl');
      authorized(log);
      started(log);
      const closed = completedAndClosed(log, { review: false });
      const [finding, ...others] = findingsOf(log.events, 'emergency-change-closed-without-review');
      expect(others).toEqual([]);
      expect(finding.eventIds).toEqual([raised.eventId, closed.eventId]);
    });

    it('given an emergency change reviewed before closing, or a normal change closed without review, then there is no finding', () => {
      const reviewed = logBuilder();
      raisedChange(reviewed, { type: 'emergency' });
      approval(reviewed, 'cab-carl');
      authorized(reviewed);
      started(reviewed);
      completedAndClosed(reviewed, { review: true });
      const normal = logBuilder();
      raisedChange(normal);
      approval(normal, 'cab-carl');
      authorized(normal);
      started(normal);
      completedAndClosed(normal, { review: false });
      expect(checkControls(reviewed.events).findings).toEqual([]);
      expect(checkControls(normal.events).findings).toEqual([]);
    });
  });

  it('summarises every control with its count, and counts the events read', () => {
    const log = logBuilder();
    opened(log);
    breached(log);
    const report = checkControls(log.events);
    expect(report.controls.map((control) => [control.id, control.findings])).toEqual(CONTROL_IDS.map((id) => [id, id === 'sla-breach-without-escalation' ? 1 : 0]));
    expect(report).toMatchObject({ eventsRead: 2, lastPosition: 2 });
  });
});
